import { desc, eq, ilike, or } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { teams, users, type DbOrTx } from '@kakera/db';
import { userPostCountSql, userThreadCountSql } from '../forum/thread-reads.ts';

// Queries on `users` and `teams`, this module's tables.

export type UserRow = typeof users.$inferSelect;

export async function findUserWithTeam(db: DbOrTx, id: number): Promise<{ user: UserRow; team: string | null } | undefined> {
  const [row] = await db
    .select({ user: users, team: teams.name })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(eq(users.id, id))
    .limit(1);
  return row;
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<{ user: UserRow; team: string | null } | undefined> {
  const [row] = await db
    .select({ user: users, team: teams.name })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(eq(users.email, email))
    .limit(1);
  return row;
}

export async function updateUserRow(tx: DbOrTx, id: number, set: PgUpdateSetSource<typeof users>): Promise<void> {
  await tx.update(users).set(set).where(eq(users.id, id));
}

/** The team called `name`, created if new. */
export async function teamIdFor(tx: DbOrTx, name: string, at: Date): Promise<number> {
  await tx.insert(teams).values({ name, createdAt: at }).onConflictDoNothing();
  const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.name, name));
  return team!.id;
}

// A profile's public counts: visible threads, and visible posts (not system messages).
const profileColumns = {
  user: users,
  team: teams.name,
  threadCount: userThreadCountSql(users.id),
  postCount: userPostCountSql(users.id),
};

export type ProfileRow = { user: UserRow; team: string | null; threadCount: number; postCount: number };

export async function findProfileRow(db: DbOrTx, id: number): Promise<ProfileRow | undefined> {
  const [row] = await db.select(profileColumns).from(users).leftJoin(teams, eq(teams.id, users.teamId)).where(eq(users.id, id)).limit(1);
  return row;
}

/** Newest first; `q` matches name or email, as typed (no wildcards). */
export async function findProfileRows(db: DbOrTx, q: string | undefined, limit: number): Promise<ProfileRow[]> {
  const pattern = q ? `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
  return db
    .select(profileColumns)
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined)
    .orderBy(desc(users.id))
    .limit(limit);
}
