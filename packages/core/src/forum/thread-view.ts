import type { Thread, ThreadFacts } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import { findCategoryRow } from '../categories/find-categories.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { findThreadObligation } from '../sla/find-thread-obligation.ts';
import { canVote } from '../tracker/issue-policy.ts';
import { findThreadIssueBadge } from '../tracker/issue-reads.ts';
import { toUserRef } from '../users/user-view.ts';
import { findAuthor, staffReplyExists } from './posts.repo.ts';
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
  const [category, author, obligation, staffReplied, issue] = await Promise.all([
    findCategoryRow(deps.db, row.categoryId),
    findAuthor(deps.db, row.authorId),
    findThreadObligation(deps.db, row.id, now),
    staffReplyExists(deps.db, row.id, row.authorId),
    findThreadIssueBadge(deps.db, row.id, viewer.kind === 'user' ? viewer.id : 0, canVote(viewer)),
  ]);
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    categoryId: row.categoryId,
    category: { id: category!.id, slug: category!.slug, name: category!.name, slaTargetSeconds: category!.slaTargetSeconds },
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
