import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Role } from '@kakera/contracts';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { teams, users, type DbOrTx } from '@kakera/db';

// For other modules' queries: a user's or team's name by id, without joining these tables themselves.

export const userNameSql = (id: SQL | AnyPgColumn): SQL<string | null> =>
  sql<string | null>`(select name_u.name from ${users} name_u where name_u.id = ${id})`;

export const teamNameSql = (id: SQL | AnyPgColumn): SQL<string | null> =>
  sql<string | null>`(select name_t.name from ${teams} name_t where name_t.id = ${id})`;

/** Whether the user that `id` names has an e-mail address (imported, unclaimed accounts have none). */
export const hasMailAddressSql = (id: SQL | AnyPgColumn): SQL<boolean> =>
  sql<boolean>`exists (select 1 from ${users} mail_u where mail_u.id = ${id} and mail_u.email is not null)`;

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
