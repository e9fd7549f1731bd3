import { and, asc, isNull, sql } from 'drizzle-orm';
import { users, type DbOrTx } from '@kakera/db';
import { userRefColumns } from './user-reads.ts';

// The autocomplete's query on `users`, this module's table.

/** Not suspended, named `prefix…` (case-insensitive, as typed: no wildcards), shortest name first, never `exceptId`. */
export async function findUsersByNamePrefix(db: DbOrTx, prefix: string, exceptId: number, limit: number) {
  const pattern = `${prefix.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  return db
    .select(userRefColumns)
    .from(users)
    .where(and(sql`lower(${users.name}) like ${pattern}`, isNull(users.suspendedAt), sql`${users.id} <> ${exceptId}`))
    .orderBy(sql`length(${users.name})`, asc(users.name), asc(users.id))
    .limit(limit);
}
