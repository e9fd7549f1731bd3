import type { DbOrTx } from '@kakera/db';
import type { EventPublisher } from '../events/event-publisher.ts';
import { decideOnPost, obligationTimes, type PostFacts } from './obligation-rules.ts';
import { insertOpenObligation, lockOpenObligationOfThread, updateObligation } from './obligations.repo.ts';

export interface PostForObligation extends PostFacts {
  id: number;
  threadId: number;
  categoryId: number;
  createdAt: Date;
  authorId: number;
  authorTeamId: number | null;
}

/**
 * Applies a new post to its thread's obligation inside the post's own
 * transaction (the forum calls this for every post it adds), and records the
 * resulting events (delivered on commit): to staff on `staff-queue`, and to
 * the thread's readers, who see the wait begin and end. `staffOnly` when the
 * thread is hidden.
 */
export async function applyPostToObligation(
  tx: DbOrTx,
  events: EventPublisher,
  post: PostForObligation,
  targetSeconds: number,
  opts: { staffOnly?: boolean } = {},
): Promise<void> {
  const open = await lockOpenObligationOfThread(tx, post.threadId);
  const decision = decideOnPost(!!open, post);
  const threadTopic = `thread:${post.threadId}`;
  const audience = { staffOnly: opts.staffOnly ?? false };
  if (decision === 'open') {
    const { warnAt, dueAt } = obligationTimes(post.createdAt, targetSeconds);
    const id = await insertOpenObligation(tx, {
      threadId: post.threadId,
      categoryId: post.categoryId,
      openedPostId: post.id,
      targetSeconds,
      openedAt: post.createdAt,
      warnAt,
      dueAt,
    });
    if (id !== undefined) {
      const opened = {
        obligationId: id,
        threadId: post.threadId,
        categoryId: post.categoryId,
        openedAt: post.createdAt.toISOString(),
        warnAt: warnAt.toISOString(),
        dueAt: dueAt.toISOString(),
        targetSeconds,
      };
      await events.record(tx, 'obligation.opened', ['staff-queue', threadTopic], opened, audience);
    }
  } else if (decision === 'meet' && open) {
    // Answered late before the sweeper got to it: the breach still fires, once
    // (the row is locked, and the sweeper only claims rows with no breached_at).
    const lateUnannounced = open.breachedAt === null && post.createdAt.getTime() > open.dueAt.getTime();
    if (lateUnannounced) {
      await updateObligation(tx, open.id, { breachedAt: post.createdAt });
      await events.record(tx, 'obligation.breached', 'staff-queue', {
        obligationId: open.id,
        threadId: post.threadId,
        categoryId: post.categoryId,
        dueAt: open.dueAt.toISOString(),
      });
    }
    await updateObligation(tx, open.id, {
      status: 'met',
      respondedAt: post.createdAt,
      responderId: post.authorId,
      responderTeamId: post.authorTeamId,
      responsePostId: post.id,
      closedAt: post.createdAt,
    });
    const met = {
      obligationId: open.id,
      threadId: post.threadId,
      categoryId: post.categoryId,
      respondedAt: post.createdAt.toISOString(),
      responderId: post.authorId,
    };
    await events.record(tx, 'obligation.met', ['staff-queue', threadTopic], met, audience);
  }
}
