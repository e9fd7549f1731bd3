import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { ThreadSort, ThreadSummary } from '@kakera/contracts';
import { obligations, threads, users, type DbOrTx } from '@kakera/db';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import { toUserRef } from '../users/user-view.ts';

export const awaitingStaffSql = sql<boolean>`exists (select 1 from ${obligations} where ${obligations.threadId} = ${threads.id} and ${obligations.status} = 'open')`;

const summaryColumns = {
  thread: threads,
  author: { id: users.id, name: users.name, role: users.role, points: users.points },
  awaitingStaff: awaitingStaffSql,
};

type SummaryRow = {
  thread: typeof threads.$inferSelect;
  author: { id: number; name: string; role: 'fan' | 'staff' | 'executive' | 'admin'; points: number };
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
  solved: r.thread.acceptedPostId !== null || r.thread.resolvedByAuthor === true,
  pinned: r.thread.pinned,
  locked: r.thread.locked,
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
  const order =
    opts.sort === 'top'
      ? [sql`${score} desc`, desc(threads.id)]
      : [desc(opts.sort === 'newest' ? threads.createdAt : threads.lastActivityAt), desc(threads.id)];
  const rows = (await db
    .select(summaryColumns)
    .from(threads)
    .innerJoin(users, eq(users.id, threads.authorId))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(opts.limit + 1)) as SummaryRow[];
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

export async function findThreadSummary(db: DbOrTx, id: number): Promise<ThreadSummary | null> {
  const rows = (await db
    .select(summaryColumns)
    .from(threads)
    .innerJoin(users, eq(users.id, threads.authorId))
    .where(eq(threads.id, id))
    .limit(1)) as SummaryRow[];
  return rows[0] ? toThreadSummary(rows[0]) : null;
}

export const visibleThreads = (staff: boolean) => (staff ? undefined : isNull(threads.hiddenAt));
