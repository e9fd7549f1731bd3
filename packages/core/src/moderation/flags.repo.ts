import { and, asc, count, desc, eq, gt, lt, or, type SQL } from 'drizzle-orm';
import { flags, type DbOrTx } from '@kakera/db';

export type FlagRow = typeof flags.$inferSelect;

/** A new flag, or undefined when this person already flagged this post (the unique index decides, race-free). */
export async function insertFlag(tx: DbOrTx, values: typeof flags.$inferInsert): Promise<FlagRow | undefined> {
  const [row] = await tx.insert(flags).values(values).onConflictDoNothing().returning();
  return row;
}

export async function lockFlagRow(tx: DbOrTx, id: number): Promise<FlagRow | undefined> {
  const [row] = await tx.select().from(flags).where(eq(flags.id, id)).for('update');
  return row;
}

export async function findFlagRow(db: DbOrTx, id: number): Promise<FlagRow | undefined> {
  const [row] = await db.select().from(flags).where(eq(flags.id, id));
  return row;
}

/** Settles every open flag on a post at once; answers their ids. */
export async function settleOpenFlagsOfPost(
  tx: DbOrTx,
  postId: number,
  set: { status: 'resolved' | 'dismissed'; settledAt: Date; settledBy: number },
): Promise<number[]> {
  const rows = await tx
    .update(flags)
    .set(set)
    .where(and(eq(flags.postId, postId), eq(flags.status, 'open')))
    .returning({ id: flags.id });
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/**
 * One page of flags in a state: open ones oldest first (a queue), settled
 * ones newest first (a history). Keyset on (created_at, id); one more than
 * `limit`, so the caller knows whether there is a next page.
 */
export async function findFlagRows(
  db: DbOrTx,
  status: FlagRow['status'],
  after: { at: Date; id: number } | null,
  limit: number,
): Promise<FlagRow[]> {
  const oldestFirst = status === 'open';
  const beyond = oldestFirst ? gt : lt;
  const where: (SQL | undefined)[] = [
    eq(flags.status, status),
    after ? or(beyond(flags.createdAt, after.at), and(eq(flags.createdAt, after.at), beyond(flags.id, after.id))) : undefined,
  ];
  return db
    .select()
    .from(flags)
    .where(and(...where))
    .orderBy(...(oldestFirst ? [asc(flags.createdAt), asc(flags.id)] : [desc(flags.createdAt), desc(flags.id)]))
    .limit(limit + 1);
}

export async function countOpenFlags(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(flags).where(eq(flags.status, 'open'));
  return Number(row?.n ?? 0);
}
