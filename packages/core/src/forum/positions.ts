import { eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { threads, type DbOrTx } from '@kakera/db';

/**
 * The number for a new post in a thread (`posts.position`), taken inside the
 * transaction that inserts the post: `UPDATE threads … RETURNING` locks the
 * thread row until commit, so concurrent posts queue for it and get
 * consecutive numbers (no read-then-write race, no gaps, no duplicates; the
 * unique index on (thread_id, position) would catch a mistake). `also` rides
 * on the same update (reply count, last activity). Every code path that adds
 * a post to an existing thread goes through here.
 */
export async function takePosition(
  tx: DbOrTx,
  threadId: number,
  also: PgUpdateSetSource<typeof threads> = {},
): Promise<{ position: number; hidden: boolean }> {
  const [row] = await tx
    .update(threads)
    .set({ ...also, lastPosition: sql`${threads.lastPosition} + 1` })
    .where(eq(threads.id, threadId))
    .returning({ position: threads.lastPosition, hiddenAt: threads.hiddenAt });
  if (!row) throw new Error(`takePosition: no thread ${threadId}`);
  // `hidden` as of this locked row: a hide that commits first is seen here, so
  // the new post's event goes to staff only (see hideThread).
  return { position: row.position, hidden: row.hiddenAt !== null };
}
