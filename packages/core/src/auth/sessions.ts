import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import { sessions, teams, users } from '@kakera/db';
import type { Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';

export interface SessionMeta {
  ip?: string | null;
  userAgent?: string | null;
}

const sessionId = (secret: string, token: string) => createHmac('sha256', secret).update(token).digest('base64url');
// Renew at most this often, so that reading pages does not write on every request.
const TOUCH_EVERY_MS = 60 * 60 * 1000;

/** Starts a session and returns the cookie token (the only place it exists in clear). */
export async function createSession(deps: Deps, userId: number, meta: SessionMeta): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.config.sessionTtlMs);
  await deps.db.insert(sessions).values({
    id: sessionId(deps.config.sessionSecret, token),
    userId,
    createdAt: now,
    expiresAt,
    lastSeenAt: now,
    ip: meta.ip?.slice(0, 64) ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

/** The actor a cookie token stands for: a guest when it is missing, unknown or expired. */
export async function resolveSession(deps: Deps, token: string | undefined): Promise<{ actor: Actor; expiresAt: Date | null }> {
  if (!token || token.length > 100) return { actor: { kind: 'guest' }, expiresAt: null };
  const id = sessionId(deps.config.sessionSecret, token);
  const now = deps.clock.now();
  const rows = await deps.db
    .select({ session: sessions, user: users, team: teams.name })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)))
    .limit(1);
  const row = rows[0];
  if (!row) return { actor: { kind: 'guest' }, expiresAt: null };
  let expiresAt = row.session.expiresAt;
  if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    expiresAt = new Date(now.getTime() + deps.config.sessionTtlMs);
    await deps.db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
  }
  const u = row.user;
  return {
    actor: { kind: 'user', id: u.id, name: u.name, role: u.role, teamId: u.teamId, suspended: u.suspendedAt !== null },
    expiresAt,
  };
}

export async function deleteSession(deps: Deps, token: string | undefined): Promise<void> {
  if (!token || token.length > 100) return;
  await deps.db.delete(sessions).where(eq(sessions.id, sessionId(deps.config.sessionSecret, token)));
}

/** Signs a user out everywhere (used on suspension and role changes would not need it). */
export async function deleteUserSessions(deps: Deps, userId: number): Promise<void> {
  await deps.db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(deps: Deps): Promise<void> {
  await deps.db.delete(sessions).where(lt(sessions.expiresAt, deps.clock.now()));
}
