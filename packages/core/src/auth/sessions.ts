import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { sessions, users, type Db, type DbOrTx } from '@kakera/db';
import { USERS_TOPIC } from './session-cache.ts';
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

// Runs on every API request, so it is built and planned once per database handle, and reads
// only the columns the actor needs (never the password hash).
function prepareLookup(db: Db) {
  return db
    .select({
      session: { expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt },
      user: { id: users.id, name: users.name, role: users.role, teamId: users.teamId, suspendedAt: users.suspendedAt },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql.placeholder('now'))))
    .limit(1)
    .prepare('kakera_resolve_session');
}
const lookups = new WeakMap<Db, ReturnType<typeof prepareLookup>>();

/** The actor a cookie token stands for: a guest when it is missing, unknown or expired. */
export async function resolveSession(deps: Deps, token: string | undefined): Promise<{ actor: Actor; expiresAt: Date | null }> {
  if (!token || token.length > 100) return { actor: { kind: 'guest' }, expiresAt: null };
  const id = sessionId(deps.config.sessionSecret, token);
  const now = deps.clock.now();
  let session = deps.sessionCache?.get(id, now);
  if (!session) {
    let lookup = lookups.get(deps.db);
    if (!lookup) lookups.set(deps.db, (lookup = prepareLookup(deps.db)));
    const row = (await lookup.execute({ id, now: now.toISOString() }))[0];
    if (!row) return { actor: { kind: 'guest' }, expiresAt: null };
    const u = row.user;
    session = {
      actor: { kind: 'user', id: u.id, name: u.name, role: u.role, teamId: u.teamId, suspended: u.suspendedAt !== null },
      expiresAt: row.session.expiresAt,
      lastSeenAt: row.session.lastSeenAt,
    };
    deps.sessionCache?.set(id, session, now);
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    const expiresAt = new Date(now.getTime() + deps.config.sessionTtlMs);
    await deps.db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
    session = { ...session, lastSeenAt: now, expiresAt };
    deps.sessionCache?.set(id, session, now);
  }
  return { actor: session.actor, expiresAt: session.expiresAt };
}

/** Signs out one session; the user's other sessions stay. */
export async function deleteSession(deps: Deps, token: string | undefined): Promise<void> {
  if (!token || token.length > 100) return;
  await deps.db.transaction(async (tx) => {
    const gone = await tx
      .delete(sessions)
      .where(eq(sessions.id, sessionId(deps.config.sessionSecret, token)))
      .returning({ userId: sessions.userId });
    if (gone[0]) await recordUserChanged(tx, deps, gone[0].userId);
  });
}

/** Tells every instance that what this user's sessions may do has changed (see session-cache.ts). */
export async function recordUserChanged(tx: DbOrTx, deps: Deps, userId: number): Promise<void> {
  await deps.events.record(tx, 'user.changed', USERS_TOPIC, { userId });
}

/** Signs a user out everywhere (on suspension), inside the caller's transaction. */
export async function deleteUserSessions(tx: DbOrTx, deps: Deps, userId: number): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
  await recordUserChanged(tx, deps, userId);
}

export async function deleteExpiredSessions(db: DbOrTx, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}
