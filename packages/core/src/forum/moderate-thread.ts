import { and, eq } from 'drizzle-orm';
import type { Thread } from '@kakera/contracts';
import { obligations, threads } from '@kakera/db';
import { recordAudit } from '../audit/record-audit.ts';
import { requireStaff, type Actor } from '../shared/actor.ts';
import { notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { recordObligationClosed } from '../sla/obligations.repo.ts';
import { getThreadRecord } from './threads.service.ts';

/**
 * Staff hide a thread (spam, abuse…) with a reason. Fans no longer see it,
 * and its open response obligation is cancelled: nobody owes spam an answer,
 * and a cancelled obligation is left out of every statistic. Audited.
 */
export async function hideThread(deps: Deps, actor: Actor, threadId: number, input: { reason: string }): Promise<Thread> {
  const user = requireStaff(actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [thread] = await tx.select().from(threads).where(eq(threads.id, threadId)).for('update').limit(1);
    if (!thread) throw notFound('Thread');
    if (thread.hiddenAt) return;
    await tx.update(threads).set({ hiddenAt: now }).where(eq(threads.id, threadId));
    const cancelled = await tx
      .update(obligations)
      .set({ status: 'cancelled', closedAt: now, closedBy: user.id, closedReason: 'thread_hidden' })
      .where(and(eq(obligations.threadId, threadId), eq(obligations.status, 'open')))
      .returning({ id: obligations.id });
    for (const o of cancelled) {
      await recordObligationClosed(tx, deps.events, {
        obligationId: o.id,
        threadId,
        categoryId: thread.categoryId,
        state: 'cancelled',
        staffOnly: true,
      });
    }
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
      { reason: input.reason, cancelledObligations: cancelled.map((o) => o.id) },
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
    const [thread] = await tx.select().from(threads).where(eq(threads.id, threadId)).for('update').limit(1);
    if (!thread) throw notFound('Thread');
    if (!thread.hiddenAt) return;
    await tx.update(threads).set({ hiddenAt: null }).where(eq(threads.id, threadId));
    await recordAudit(tx, actor, now, 'thread.unhidden', { type: 'thread', id: threadId });
    const shown = { threadId, categoryId: thread.categoryId, hidden: false };
    await deps.events.record(tx, 'thread.hidden', `thread:${threadId}`, shown);
    await deps.events.record(tx, 'thread.hidden', `category:${thread.categoryId}`, shown);
  });
  return getThreadRecord(deps, actor, threadId);
}
