import { eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { teams, users, type DbOrTx } from '@kakera/db';

// For other modules' queries: a user's or team's name by id, without joining these tables themselves.

export const userNameSql = (id: SQL | AnyPgColumn): SQL<string | null> =>
  sql<string | null>`(select name_u.name from ${users} name_u where name_u.id = ${id})`;

export const teamNameSql = (id: SQL | AnyPgColumn): SQL<string | null> =>
  sql<string | null>`(select name_t.name from ${teams} name_t where name_t.id = ${id})`;

export async function findUserName(db: DbOrTx, id: number): Promise<string | null> {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, id)).limit(1);
  return row?.name ?? null;
}
