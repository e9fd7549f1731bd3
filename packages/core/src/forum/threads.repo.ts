import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { ThreadSort, ThreadSummary } from '@kakera/contracts';
import { threads, users, type DbOrTx } from '@kakera/db';
import { categorySlaTargetSql } from '../categories/category-reads.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import { awaitingStaffFilterSql, awaitingStaffSql } from '../sla/awaiting-staff.ts';
import { userRefColumns } from '../users/user-reads.ts';
import { toUserRef } from '../users/user-view.ts';
import { isSolved } from './thread-reads.ts';

// Queries on `threads`, the forum's table. Use cases call these; other
// modules call the forum's use cases and views, never this file.

export type ThreadRow = typeof threads.$inferSelect;

export async function findThreadRow(db: DbOrTx, id: number): Promise<ThreadRow | undefined> {
  const [row] = await db.select().from(threads).where(eq(threads.id, id)).limit(1);
  return row;
}

/** The thread row, locked until the transaction ends (hide, unhide). */
export async function lockThreadRow(tx: DbOrTx, id: number): Promise<ThreadRow | undefined> {
  const [row] = await tx.select().from(threads).where(eq(threads.id, id)).for('update').limit(1);
  return row;
}

export async function insertThread(tx: DbOrTx, values: typeof threads.$inferInsert): Promise<ThreadRow> {
  const [row] = await tx.insert(threads).values(values).returning();
  return row!;
}

export async function updateThread(tx: DbOrTx, id: number, set: PgUpdateSetSource<typeof threads>): Promise<void> {
  await tx.update(threads).set(set).where(eq(threads.id, id));
}

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
): Promise<{ position: number; hidden: boolean; slaTargetSeconds: number; categoryId: number; kind: ThreadRow['kind'] }> {
  const [row] = await tx
    .update(threads)
    .set({ ...also, lastPosition: sql`${threads.lastPosition} + 1` })
    .where(eq(threads.id, threadId))
    .returning({
      position: threads.lastPosition,
      hiddenAt: threads.hiddenAt,
      categoryId: threads.categoryId,
      kind: threads.kind,
      slaTargetSeconds: categorySlaTargetSql(threads.categoryId),
    });
  if (!row) throw new Error(`takePosition: no thread ${threadId}`);
  // `hidden` as of this locked row: a hide that commits first is seen here, so
  // the new post's event goes to staff only (see hide-thread.ts). The board's
  // response target comes along, so that the board's row (its counts, shared
  // by every post in it) need not be locked before the end (create-reply.ts);
  // the board and kind too, as the new post's search document copies them.
  return {
    position: row.position,
    hidden: row.hiddenAt !== null,
    slaTargetSeconds: row.slaTargetSeconds,
    categoryId: row.categoryId,
    kind: row.kind,
  };
}

export async function addThreadLikes(tx: DbOrTx, id: number, delta: number): Promise<void> {
  await tx
    .update(threads)
    .set({ likeCount: sql`${threads.likeCount} + ${delta}` })
    .where(eq(threads.id, id));
}

export async function removeReply(tx: DbOrTx, id: number): Promise<void> {
  await tx
    .update(threads)
    .set({ replyCount: sql`greatest(${threads.replyCount} - 1, 0)` })
    .where(eq(threads.id, id));
}

const summaryColumns = {
  thread: threads,
  author: userRefColumns,
  awaitingStaff: awaitingStaffSql(threads.id),
};

type SummaryRow = {
  thread: ThreadRow;
  author: { id: number; name: string; role: 'fan' | 'staff' | 'executive' | 'admin'; points: number; team: string | null };
  awaitingStaff: boolean;
};

export const toThreadSummary = (r: SummaryRow): ThreadSummary => ({
  id: r.thread.id,
  title: r.thread.title,
  kind: r.thread.kind,
  categoryId: r.thread.categoryId,
  author: toUserRef(r.author),
  replyCount: r.thread.replyCount,
  likeCount: r.thread.likeCount,
  solved: isSolved(r.thread),
  pinned: r.thread.pinned,
  locked: r.thread.locked,
  hidden: r.thread.hiddenAt !== null,
  createdAt: r.thread.createdAt.toISOString(),
  lastActivityAt: r.thread.lastActivityAt.toISOString(),
  awaitingStaff: Boolean(r.awaitingStaff),
});

interface ListOptions {
  where: SQL | undefined;
  sort: ThreadSort;
  cursor: string | undefined;
  limit: number;
}

/** One keyset-paged page of thread summaries. Cursors hold the sort key and the id. */
export async function findThreadPage(db: DbOrTx, opts: ListOptions): Promise<{ threads: ThreadSummary[]; nextCursor: string | null }> {
  const rows = (await threadPageQuery(db, opts)) as SummaryRow[];
  const page = rows.slice(0, opts.limit);
  let nextCursor: string | null = null;
  if (rows.length > opts.limit) {
    const last = page[page.length - 1]!.thread;
    nextCursor =
      opts.sort === 'top'
        ? encodeCursor([last.likeCount + last.replyCount, last.id])
        : encodeCursor([(opts.sort === 'newest' ? last.createdAt : last.lastActivityAt).toISOString(), last.id]);
  }
  return { threads: page.map(toThreadSummary), nextCursor };
}

/** The query behind a page (not run): findThreadPage runs it, explainThreadPage shows its plan. */
export function threadPageQuery(db: DbOrTx, opts: ListOptions) {
  const score = sql`(${threads.likeCount} + ${threads.replyCount})`;
  const conditions: (SQL | undefined)[] = [opts.where];
  if (opts.cursor) {
    if (opts.sort === 'top') {
      const [s, id] = decodeCursor(opts.cursor, ['number', 'number']);
      conditions.push(sql`(${score}, ${threads.id}) < (${s}, ${id})`);
    } else {
      const [at, id] = decodeCursor(opts.cursor, ['string', 'number']);
      const time = new Date(at as string);
      const col = opts.sort === 'newest' ? threads.createdAt : threads.lastActivityAt;
      conditions.push(sql`(${col}, ${threads.id}) < (${time}, ${id})`);
    }
  }
  // Exactly the orders of the board indexes (threads_category_{latest,newest,top}_idx, including
  // their NULLS placement), so that a page is read from the index, never sorted.
  const order =
    opts.sort === 'top'
      ? [sql`${score} desc`, sql`${threads.id} desc nulls last`]
      : [sql`${opts.sort === 'newest' ? threads.createdAt : threads.lastActivityAt} desc nulls last`, sql`${threads.id} desc nulls last`];
  return db
    .select(summaryColumns)
    .from(threads)
    .innerJoin(users, eq(users.id, threads.authorId))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(opts.limit + 1);
}

/** PostgreSQL's plan for a page (EXPLAIN, JSON), for tests and docs/performance.md. */
export async function explainThreadPage(db: DbOrTx, opts: ListOptions): Promise<unknown> {
  const result = await db.execute(sql`explain (format json) ${threadPageQuery(db, opts).getSQL()}`);
  const rows = (result as { rows?: Record<string, unknown>[] }).rows ?? (result as unknown as Record<string, unknown>[]);
  const plan = rows[0]!['QUERY PLAN'];
  return typeof plan === 'string' ? JSON.parse(plan) : plan;
}

export async function findThreadSummary(db: DbOrTx, id: number): Promise<ThreadSummary | null> {
  const rows = (await db
    .select(summaryColumns)
    .from(threads)
    .innerJoin(users, eq(users.id, threads.authorId))
    .where(eq(threads.id, id))
    .limit(1)) as SummaryRow[];
  return rows[0] ? toThreadSummary(rows[0]) : null;
}

/** The threads a reader may see in lists: staff see hidden ones too. */
export const visibleThreads = (staff: boolean) => (staff ? undefined : isNull(threads.hiddenAt));

/** Threads in a category with an open obligation (the `unanswered` filter). */
export const awaitingStaffFilter = () => awaitingStaffFilterSql(threads.id);
