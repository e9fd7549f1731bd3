import type { Thread } from '@kakera/contracts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireStaff, type Actor } from '../shared/actor.ts';
import { notFound } from '../shared/app-error.ts';
import { indexThreadState } from '../search/index-thread-state.ts';
import type { Deps } from '../shared/deps.ts';
import { cancelOpenObligations } from '../sla/cancel-open-obligations.ts';
import { getThreadRecord } from './get-thread.ts';
import { lockThreadRow, updateThread } from './threads.repo.ts';

/**
 * Staff hide a thread (spam, abuse…) with a reason. Fans no longer see it,
 * and its open response obligation is cancelled: nobody owes spam an answer,
 * and a cancelled obligation is left out of every statistic. Audited.
 */
export async function hideThread(deps: Deps, actor: Actor, threadId: number, input: { reason: string }): Promise<Thread> {
  const user = requireStaff(actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const thread = await lockThreadRow(tx, threadId);
    if (!thread) throw notFound('Thread');
    if (thread.hiddenAt) return;
    await updateThread(tx, threadId, { hiddenAt: now });
    await indexThreadState(tx, threadId);
    const cancelled = await cancelOpenObligations(
      tx,
      deps.events,
      { threadId },
      { userId: user.id, at: now, reason: 'thread_hidden', staffOnly: true },
    );
    // Readers who are not staff lose the thread's topic (the hub drops them) and lists drop it.
    const hidden = { threadId, categoryId: thread.categoryId, hidden: true };
    await deps.events.record(tx, 'thread.hidden', `thread:${threadId}`, hidden);
    await deps.events.record(tx, 'thread.hidden', `category:${thread.categoryId}`, hidden);
    await recordAudit(
      tx,
      actor,
      now,
      'thread.hidden',
      { type: 'thread', id: threadId },
      { reason: input.reason, cancelledObligations: cancelled },
    );
  });
  return getThreadRecord(deps, actor, threadId);
}

/**
 * Makes a hidden thread visible again. A cancelled obligation stays
 * cancelled (the time it was hidden is nobody's breach); the next fan post
 * opens a new one as usual.
 */
export async function unhideThread(deps: Deps, actor: Actor, threadId: number): Promise<Thread> {
  requireStaff(actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const thread = await lockThreadRow(tx, threadId);
    if (!thread) throw notFound('Thread');
    if (!thread.hiddenAt) return;
    await updateThread(tx, threadId, { hiddenAt: null });
    await indexThreadState(tx, threadId);
    await recordAudit(tx, actor, now, 'thread.unhidden', { type: 'thread', id: threadId });
    const shown = { threadId, categoryId: thread.categoryId, hidden: false };
    await deps.events.record(tx, 'thread.hidden', `thread:${threadId}`, shown);
    await deps.events.record(tx, 'thread.hidden', `category:${thread.categoryId}`, shown);
  });
  return getThreadRecord(deps, actor, threadId);
}
