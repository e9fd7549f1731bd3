import type { Thread, ThreadFacts } from '@kakera/contracts';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { rowsOf, threads, type DbOrTx } from '@kakera/db';
import { categoryRefJsonSql, type CategoryRefRow } from '../categories/category-reads.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { threadObligationJsonSql, toThreadObligation, type ThreadObligationRow } from '../sla/find-thread-obligation.ts';
import { canVote } from '../tracker/issue-policy.ts';
import { threadIssueBadgeJsonSql, toIssueBadge, type IssueBadgeRow } from '../tracker/issue-reads.ts';
import { userRefSql, type UserRefRow } from '../users/user-reads.ts';
import { toUserRef } from '../users/user-view.ts';
import { staffReplyExistsSql } from './posts.repo.ts';
import { threadCan } from './thread-policy.ts';
import { isSolved } from './thread-reads.ts';
import type { ThreadRow } from './threads.repo.ts';

export const threadFacts = (row: ThreadRow, staffReplied: boolean): ThreadFacts => ({
  id: row.id,
  authorId: row.authorId,
  kind: row.kind,
  locked: row.locked,
  staffReplied,
});

/** Everything a thread's view shows besides its row: each module's own SQL for its part, as columns of one statement. */
const aroundThread = (ids: { thread: SQL | AnyPgColumn; category: SQL | AnyPgColumn; author: SQL | AnyPgColumn }, viewer: Actor) => ({
  category: categoryRefJsonSql(ids.category),
  author: userRefSql(ids.author),
  obligation: threadObligationJsonSql(ids.thread),
  staffReplied: staffReplyExistsSql(ids.thread, ids.author),
  issue: threadIssueBadgeJsonSql(ids.thread, viewer.kind === 'user' ? viewer.id : 0),
});
type AroundThread = {
  category: CategoryRefRow | null;
  author: UserRefRow | null;
  obligation: ThreadObligationRow | null;
  staffReplied: boolean;
  issue: IssueBadgeRow | null;
};

/** The thread as `viewer` sees it: with its board, its response obligation's state now, and what the viewer may do. */
export async function describeThread(deps: { db: DbOrTx; clock: Clock }, row: ThreadRow, viewer: Actor): Promise<Thread> {
  // One statement (one round trip, one pooled connection) for everything around the row.
  const columns = aroundThread(
    { thread: sql`${row.id}::int`, category: sql`${row.categoryId}::int`, author: sql`${row.authorId}::int` },
    viewer,
  );
  const [around] = rowsOf<AroundThread>(
    await deps.db.execute(
      sql`select ${sql.join(
        Object.entries(columns).map(([name, column]) => sql`${column} as ${sql.identifier(name)}`),
        sql`, `,
      )}`,
    ),
  );
  return toThread(row, around!, viewer, deps.clock.now());
}

/**
 * The thread row and all its view needs, in one statement (the thread
 * page's first read); undefined when there is no such thread. Whether
 * `viewer` may see it is still the caller's decision (`canReadThread`).
 */
export async function findDescribedThread(
  deps: { db: DbOrTx; clock: Clock },
  id: number,
  viewer: Actor,
): Promise<{ row: ThreadRow; thread: Thread } | undefined> {
  // Spelled with the table's name: Drizzle writes a one-table query's columns bare, and a bare "id"
  // inside the subqueries would name their own tables' ids.
  const column = (c: AnyPgColumn) => sql`${threads}.${sql.identifier(c.name)}`;
  const [found] = await deps.db
    .select({
      row: threads,
      ...aroundThread({ thread: column(threads.id), category: column(threads.categoryId), author: column(threads.authorId) }, viewer),
    })
    .from(threads)
    .where(eq(threads.id, id))
    .limit(1);
  if (!found) return undefined;
  const { row, ...around } = found;
  return { row, thread: toThread(row, around as AroundThread, viewer, deps.clock.now()) };
}

function toThread(row: ThreadRow, around: AroundThread, viewer: Actor, now: Date): Thread {
  const { category, author, staffReplied } = around;
  const obligation = toThreadObligation(around.obligation, now);
  const issue = toIssueBadge(around.issue, canVote(viewer));
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    categoryId: row.categoryId,
    category: { id: category!.id, slug: category!.slug, name: category!.name, slaTargetSeconds: category!.slaTargetSeconds },
    author: toUserRef(author!),
    solved: isSolved(row),
    acceptedPostId: row.acceptedPostId,
    resolution: row.resolvedByAuthor === null ? null : row.resolvedByAuthor ? 'yes' : 'no',
    issueKey: issue?.key ?? null,
    issue,
    report: row.report ?? null,
    obligation,
    locked: row.locked,
    pinned: row.pinned,
    hidden: row.hiddenAt !== null,
    replyCount: row.replyCount,
    likeCount: row.likeCount,
    createdAt: row.createdAt.toISOString(),
    lastActivityAt: row.lastActivityAt.toISOString(),
    can: threadCan(viewer, threadFacts(row, staffReplied)),
  };
}
