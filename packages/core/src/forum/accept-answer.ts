import type { Thread } from '@kakera/contracts';
import { recordAudit } from '../audit/record-audit.ts';
import { notify } from '../notifications/notify.ts';
import { awardBadge } from '../ranks/award-badge.ts';
import { awardPoints, revokePoints } from '../ranks/award-points.ts';
import { requireActiveUser, type Actor } from '../shared/actor.ts';
import { AppError, forbidden } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { getThreadRecord, loadVisibleThread } from './get-thread.ts';
import { isAcceptableReply } from './post-policy.ts';
import { findPostInThread } from './posts.repo.ts';
import { postFacts } from './post-view.ts';
import { notSolvable, whyNotAcceptAnswer } from './thread-policy.ts';
import { isSolved } from './thread-reads.ts';
import { updateThread } from './threads.repo.ts';

/** The thread's author or staff mark one reply as the solution (or clear it with null). Staff doing it is audited. */
export async function setAcceptedAnswer(deps: Deps, actor: Actor, threadId: number, postId: number | null): Promise<Thread> {
  const user = requireActiveUser(actor);
  const thread = await loadVisibleThread(deps.db, actor, threadId);
  // Clearing stays possible anywhere (an answer accepted before a thread's kind rule held can be taken back).
  const refusal = whyNotAcceptAnswer(actor, thread);
  if (refusal === 'forbidden') throw forbidden('Only the thread’s author or staff can accept an answer');
  if (refusal === 'not_solvable' && postId !== null) throw notSolvable();
  let acceptedAuthorId: number | null = null;
  if (postId !== null) {
    const post = await findPostInThread(deps.db, threadId, postId);
    if (!post || !isAcceptableReply(postFacts(post))) {
      throw new AppError('invalid_input', 'Only a visible reply in this thread can be accepted', {
        fields: [{ path: 'postId', message: 'Not a reply in this thread' }],
      });
    }
    acceptedAuthorId = post.authorId;
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await updateThread(tx, threadId, { acceptedPostId: postId });
    // The answer no longer accepted gives back what it earned.
    if (thread.acceptedPostId !== null && thread.acceptedPostId !== postId) {
      const previous = await findPostInThread(tx, threadId, thread.acceptedPostId);
      if (previous)
        await revokePoints(tx, deps, { userId: previous.authorId, reason: 'acceptedWithdrawn', source: `accepted:${previous.id}` });
    }
    if (acceptedAuthorId !== null && postId !== null && thread.acceptedPostId !== postId) {
      await awardPoints(tx, deps, { userId: acceptedAuthorId, reason: 'acceptedAnswer', source: `accepted:${postId}` });
      await awardBadge(tx, deps, { userId: acceptedAuthorId, badge: 'first_accepted_answer', reason: thread.title });
      if (!thread.hiddenAt) {
        await notify(tx, deps, [acceptedAuthorId], {
          kind: 'answer.accepted',
          data: { threadId, postId, title: thread.title, name: user.name, actorId: user.id },
          url: `/t/${threadId}?post=${postId}#post-${postId}`,
          dedupeKey: `post:${postId}:accepted`,
          except: user.id,
        });
      }
    }
    if (thread.authorId !== user.id) {
      await recordAudit(
        tx,
        actor,
        now,
        postId ? 'thread.answer_accepted' : 'thread.answer_unaccepted',
        { type: 'thread', id: threadId },
        { postId },
      );
    }
    await deps.events.record(
      tx,
      'thread.solved',
      `thread:${threadId}`,
      { threadId, acceptedPostId: postId, solved: isSolved({ acceptedPostId: postId, resolvedByAuthor: thread.resolvedByAuthor }) },
      { staffOnly: thread.hiddenAt !== null },
    );
  });
  return getThreadRecord(deps, actor, threadId);
}
