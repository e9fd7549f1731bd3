import type { Thread } from '@kakera/contracts';
import { requireActiveUser, type Actor } from '../shared/actor.ts';
import { AppError, forbidden } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { getThreadRecord, loadVisibleThread } from './get-thread.ts';
import { staffReplyExists } from './posts.repo.ts';
import { notSolvable, whyNotAnswerResolution } from './thread-policy.ts';
import { threadFacts } from './thread-view.ts';
import { isSolved } from './thread-reads.ts';
import { updateThread } from './threads.repo.ts';

/** "Did this solve your problem?": the thread's author answers, on a question or bug report, once a staff member has replied. */
export async function setResolution(deps: Deps, actor: Actor, threadId: number, solved: boolean): Promise<Thread> {
  const user = requireActiveUser(actor);
  const thread = await loadVisibleThread(deps.db, actor, threadId);
  const staffReplied = await staffReplyExists(deps.db, threadId, user.id);
  const refusal = whyNotAnswerResolution(actor, threadFacts(thread, staffReplied));
  if (refusal === 'forbidden') throw forbidden('Only the thread’s author can answer this');
  if (refusal === 'not_solvable') throw notSolvable();
  if (refusal === 'no_staff_reply') throw new AppError('conflict', 'You can answer this after a staff member has replied');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await updateThread(tx, threadId, { resolvedByAuthor: solved, resolvedAt: now });
    await deps.events.record(
      tx,
      'thread.solved',
      `thread:${threadId}`,
      {
        threadId,
        acceptedPostId: thread.acceptedPostId,
        solved: isSolved({ acceptedPostId: thread.acceptedPostId, resolvedByAuthor: solved }),
      },
      { staffOnly: thread.hiddenAt !== null },
    );
  });
  return getThreadRecord(deps, actor, threadId);
}
