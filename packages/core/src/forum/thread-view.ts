import type { Thread, ThreadFacts } from '@kakera/contracts';
import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@kakera/db';
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

/** The thread as `viewer` sees it: with its board, its response obligation's state now, and what the viewer may do. */
export async function describeThread(deps: { db: DbOrTx; clock: Clock }, row: ThreadRow, viewer: Actor): Promise<Thread> {
  const now = deps.clock.now();
  // One statement (one round trip, one pooled connection) for everything around the row: its board, its
  // author, its obligation, whether staff answered, its issue — each module's own SQL for its part.
  const [facts] = rowsOf<{
    category: CategoryRefRow;
    author: UserRefRow;
    obligation: ThreadObligationRow | null;
    staff_replied: boolean;
    issue: IssueBadgeRow | null;
  }>(
    await deps.db.execute(sql`select ${categoryRefJsonSql(sql`${row.categoryId}::int`)} as category,
      ${userRefSql(sql`${row.authorId}::int`)} as author,
      ${threadObligationJsonSql(sql`${row.id}::int`)} as obligation,
      ${staffReplyExistsSql(sql`${row.id}::int`, sql`${row.authorId}::int`)} as staff_replied,
      ${threadIssueBadgeJsonSql(sql`${row.id}::int`, viewer.kind === 'user' ? viewer.id : 0)} as issue`),
  );
  const { category, author, staff_replied: staffReplied } = facts!;
  const obligation = toThreadObligation(facts!.obligation, now);
  const issue = toIssueBadge(facts!.issue, canVote(viewer));
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    categoryId: row.categoryId,
    category: { id: category.id, slug: category.slug, name: category.name, slaTargetSeconds: category.slaTargetSeconds },
    author: toUserRef(author),
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
