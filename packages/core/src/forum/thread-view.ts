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
const aroundThread = (ids: { thread: SQL | AnyPgColumn; category: SQL | AnyPgColumn; author: SQL | AnyPgColumn }, viewerId: number) => ({
  category: categoryRefJsonSql(ids.category),
  author: userRefSql(ids.author),
  obligation: threadObligationJsonSql(ids.thread),
  staffReplied: staffReplyExistsSql(ids.thread, ids.author),
  issue: threadIssueBadgeJsonSql(ids.thread, viewerId),
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
    viewer.kind === 'user' ? viewer.id : 0,
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

/** A thread without what depends on its reader (`can`; the issue badge, with their vote): the same for every reader who may see it. */
export type SharedThread = Omit<Thread, 'can' | 'issue'>;

/**
 * What a thread's readers' own parts are worked out from: the facts its
 * policies decide on, and its issue badge as nobody in particular sees it
 * (no vote), with the issue's key to look the reader's vote up by.
 */
export interface ThreadReaderFacts {
  thread: ThreadFacts & { acceptedPostId: number | null };
  issue: IssueBadgeRow | null;
}

/**
 * The thread row, its view without the reader's parts, and the facts those
 * parts are worked out from (thread-page-view.ts), in one statement;
 * undefined when there is no such thread. Whether a reader may see it is the caller's
 * decision (`canReadThread`).
 */
export async function findSharedThread(
  deps: { db: DbOrTx; clock: Clock },
  id: number,
): Promise<{ row: ThreadRow; thread: SharedThread; facts: ThreadReaderFacts } | undefined> {
  const found = await findThreadAround(deps.db, id, 0);
  if (!found) return undefined;
  const { row, ...around } = found;
  return {
    row,
    thread: toSharedThread(row, around, deps.clock.now()),
    facts: { thread: { ...threadFacts(row, around.staffReplied), acceptedPostId: row.acceptedPostId }, issue: around.issue },
  };
}

/** The thread `can` and issue badge of `viewer`, from the facts every reader shares and whether the viewer voted for the issue. */
export function threadReaderParts(viewer: Actor, facts: ThreadReaderFacts, votedByMe: boolean): Pick<Thread, 'can' | 'issue'> {
  return {
    issue: toIssueBadge(facts.issue && { ...facts.issue, votedByMe }, canVote(viewer)),
    can: threadCan(viewer, facts.thread),
  };
}

async function findThreadAround(db: DbOrTx, id: number, viewerId: number): Promise<({ row: ThreadRow } & AroundThread) | undefined> {
  // Spelled with the table's name: Drizzle writes a one-table query's columns bare, and a bare "id"
  // inside the subqueries would name their own tables' ids.
  const column = (c: AnyPgColumn) => sql`${threads}.${sql.identifier(c.name)}`;
  const [found] = await db
    .select({
      row: threads,
      ...aroundThread({ thread: column(threads.id), category: column(threads.categoryId), author: column(threads.authorId) }, viewerId),
    })
    .from(threads)
    .where(eq(threads.id, id))
    .limit(1);
  return found as ({ row: ThreadRow } & AroundThread) | undefined;
}

function toThread(row: ThreadRow, around: AroundThread, viewer: Actor, now: Date): Thread {
  return {
    ...toSharedThread(row, around, now),
    issue: toIssueBadge(around.issue, canVote(viewer)),
    can: threadCan(viewer, threadFacts(row, around.staffReplied)),
  };
}

function toSharedThread(row: ThreadRow, around: AroundThread, now: Date): SharedThread {
  const { category, author } = around;
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
    issueKey: around.issue?.key ?? null,
    report: row.report ?? null,
    obligation: toThreadObligation(around.obligation, now),
    locked: row.locked,
    pinned: row.pinned,
    hidden: row.hiddenAt !== null,
    replyCount: row.replyCount,
    likeCount: row.likeCount,
    createdAt: row.createdAt.toISOString(),
    lastActivityAt: row.lastActivityAt.toISOString(),
  };
}
