import { inArray, sql } from 'drizzle-orm';
import type { UserRef } from '@kakera/contracts';
import { users, type DbOrTx } from '@kakera/db';
import { userRefColumns } from './user-reads.ts';
import { toUserRef } from './user-view.ts';

/** Users by id, as names beside what they did (for other modules' views). */
export async function findUserRefs(db: DbOrTx, ids: Iterable<number | null | undefined>): Promise<Map<number, UserRef>> {
  const wanted = [...new Set([...ids].filter((id): id is number => typeof id === 'number'))];
  if (!wanted.length) return new Map();
  const rows = await db.select(userRefColumns).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, toUserRef(r)]));
}

/** A user's role and team, to check who they are (an assignee must be staff, an escalation goes to staff). */
export async function findUserRole(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ id: users.id, role: users.role, teamId: users.teamId, suspendedAt: users.suspendedAt })
    .from(users)
    .where(inArray(users.id, [id]));
  return row;
}

/** Users whose name is one of `names` (case-insensitive), for @mentions; at most 20. */
export async function findUserIdsByName(db: DbOrTx, names: string[]): Promise<number[]> {
  if (!names.length) return [];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      inArray(
        sql`lower(${users.name})`,
        names.map((n) => n.toLowerCase()),
      ),
    )
    .limit(20);
  return rows.map((r) => r.id);
}
