import { desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Me, UpdateMeBody, UpdateUserBody, UserProfile } from '@kakera/contracts';
import { posts, teams, threads, users } from '@kakera/db';
import { requireAdmin, requireUser, type Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { deleteUserSessions, recordUserChanged } from '../auth/sessions.ts';
import { levelFor } from './levels.ts';
import { toMe } from './user-view.ts';

async function loadUser(deps: Deps, id: number) {
  const rows = await deps.db
    .select({ user: users, team: teams.name })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(eq(users.id, id))
    .limit(1);
  if (!rows[0]) throw notFound('User');
  return rows[0];
}

export async function getMe(deps: Deps, actor: Actor): Promise<Me> {
  const user = requireUser(actor);
  const row = await loadUser(deps, user.id);
  return toMe(row.user, row.team);
}

export async function updateMe(deps: Deps, actor: Actor, input: UpdateMeBody): Promise<Me> {
  const user = requireUser(actor);
  const patch: Partial<typeof users.$inferInsert> = {};
  if (input.locale !== undefined) patch.locale = input.locale;
  if (input.name !== undefined) {
    if (user.suspended) throw new AppError('suspended', 'Your account is suspended');
    patch.name = input.name;
  }
  if (Object.keys(patch).length) {
    await deps.db.transaction(async (tx) => {
      await tx.update(users).set(patch).where(eq(users.id, user.id));
      // The name is part of the signed-in actor.
      if (patch.name !== undefined) await recordUserChanged(tx, deps, user.id);
    });
  }
  return getMe(deps, actor);
}

// A profile's public counts: visible threads, and visible posts (not system messages).
const profileColumns = {
  user: users,
  team: teams.name,
  threadCount: sql<number>`(select count(*)::int from ${threads} where ${threads.authorId} = ${users.id} and ${threads.hiddenAt} is null)`,
  postCount: sql<number>`(select count(*)::int from ${posts} where ${posts.authorId} = ${users.id} and ${posts.deletedAt} is null and ${posts.hiddenAt} is null and ${posts.kind} = 'post')`,
};

const toProfile = (r: { user: typeof users.$inferSelect; team: string | null; threadCount: number; postCount: number }): UserProfile => ({
  id: r.user.id,
  name: r.user.name,
  role: r.user.role,
  team: r.team,
  points: r.user.points,
  level: levelFor(r.user.points),
  suspended: r.user.suspendedAt !== null,
  createdAt: r.user.createdAt.toISOString(),
  threadCount: Number(r.threadCount),
  postCount: Number(r.postCount),
});

export async function getUserProfile(deps: Deps, id: number): Promise<UserProfile> {
  const [row] = await deps.db
    .select(profileColumns)
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(eq(users.id, id))
    .limit(1);
  if (!row) throw notFound('User');
  return toProfile(row);
}

export async function listUsers(deps: Deps, actor: Actor, q: string | undefined, limit: number) {
  requireAdmin(actor);
  const pattern = q ? `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
  const rows = await deps.db
    .select(profileColumns)
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined)
    .orderBy(desc(users.id))
    .limit(limit);
  return rows.map((r) => ({ ...toProfile(r), email: r.user.email }));
}

/** Admins change a user's role, team and suspension. Every change is audited. */
export async function updateUser(deps: Deps, actor: Actor, id: number, input: UpdateUserBody): Promise<UserProfile> {
  const admin = requireAdmin(actor);
  const before = await loadUser(deps, id);
  if (id === admin.id && ((input.role !== undefined && input.role !== 'admin') || input.suspended === true)) {
    throw new AppError('conflict', 'Admins cannot demote or suspend themselves', {
      fields: [{ path: input.suspended ? 'suspended' : 'role', message: 'You cannot do this to your own account' }],
    });
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const patch: Partial<typeof users.$inferInsert> = {};
    if (input.role !== undefined) patch.role = input.role;
    if (input.suspended !== undefined) patch.suspendedAt = input.suspended ? (before.user.suspendedAt ?? now) : null;
    if (input.team !== undefined) {
      if (input.team === null) {
        patch.teamId = null;
      } else {
        await tx.insert(teams).values({ name: input.team, createdAt: now }).onConflictDoNothing();
        const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.name, input.team));
        patch.teamId = team!.id;
      }
    }
    await tx.update(users).set(patch).where(eq(users.id, id));
    await recordAudit(
      tx,
      actor,
      now,
      'user.updated',
      { type: 'user', id },
      {
        before: { role: before.user.role, team: before.team, suspended: before.user.suspendedAt !== null },
        change: input,
      },
    );
    // Suspension signs the user out everywhere; any change drops their cached sessions on every instance.
    if (input.suspended === true) await deleteUserSessions(tx, deps, id);
    else await recordUserChanged(tx, deps, id);
  });
  return getUserProfile(deps, id);
}
