import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { isStaffRole, type Role, type UserRef } from '@kakera/contracts';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { teams, users, type DbOrTx } from '@kakera/db';
import { levelFor } from '../ranks/level-policy.ts';

// For other modules' queries: a user's or team's name by id, without joining these tables themselves.

export const userNameSql = (id: SQL | AnyPgColumn): SQL<string | null> =>
  sql<string | null>`(select name_u.name from ${users} name_u where name_u.id = ${id})`;

export const teamNameSql = (id: SQL | AnyPgColumn): SQL<string | null> =>
  sql<string | null>`(select name_t.name from ${teams} name_t where name_t.id = ${id})`;

/** Whether the user that `id` names has an e-mail address (imported, unclaimed accounts have none). */
export const hasMailAddressSql = (id: SQL | AnyPgColumn): SQL<boolean> =>
  sql<boolean>`exists (select 1 from ${users} mail_u where mail_u.id = ${id} and mail_u.email is not null)`;

/** A name as shown beside what its user did: a fan's level, a staff member's team (only staff show theirs). */
export const toUserRef = (u: { id: number; name: string; role: Role; points: number; team?: string | null }): UserRef => ({
  id: u.id,
  name: u.name,
  role: u.role,
  level: levelFor(u.points),
  team: isStaffRole(u.role) ? (u.team ?? null) : null,
});

/** What `toUserRef` takes, for the user that `id` names, as one JSON object (null when there is none). */
export const userRefSql = (id: SQL | AnyPgColumn): SQL<UserRefRow | null> =>
  sql<UserRefRow | null>`(select json_build_object('id', ref_u.id, 'name', ref_u.name, 'role', ref_u.role, 'points', ref_u.points,
    'team', (select ref_t.name from ${teams} ref_t where ref_t.id = ref_u.team_id)) from ${users} ref_u where ref_u.id = ${id})`;
export type UserRefRow = { id: number; name: string; role: Role; points: number; team: string | null };

/** The columns `toUserRef` takes (name, role, points, team), for queries that join `users`. */
export const userRefColumns = {
  id: users.id,
  name: users.name,
  role: users.role,
  points: users.points,
  team: teamNameSql(users.teamId),
};

export async function findUserName(db: DbOrTx, id: number): Promise<string | null> {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, id)).limit(1);
  return row?.name ?? null;
}

/** Who may be mailed: address, name, language, role and suspension, for the e-mail of other modules (digest, notifications). */
export interface MailAccount {
  id: number;
  name: string;
  email: string | null;
  locale: string | null;
  role: Role;
  suspended: boolean;
}

/** Accounts by id, or every account of some roles (the digest's readers). */
export async function findMailAccounts(db: DbOrTx, which: { ids: number[] } | { roles: Role[] }): Promise<MailAccount[]> {
  if ('ids' in which ? !which.ids.length : !which.roles.length) return [];
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale, role: users.role, suspendedAt: users.suspendedAt })
    .from(users)
    .where('ids' in which ? inArray(users.id, which.ids) : inArray(users.role, which.roles))
    .orderBy(users.id);
  return rows.map(({ suspendedAt, ...r }) => ({ ...r, suspended: suspendedAt !== null }));
}
