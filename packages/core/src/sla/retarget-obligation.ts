import type { DbOrTx } from '@kakera/db';
import type { EventPublisher } from '../events/event-publisher.ts';
import { obligationTimes } from './obligation-rules.ts';
import { lockOpenObligationOfThread, updateObligation } from './obligations.repo.ts';

/**
 * A thread moved to another board: its open obligation goes with it — it is
 * counted in the new board from now on, and takes the new board's target,
 * still counted from the fan post that opened it (moving never restarts the
 * clock; a shorter target can make it due, or breached, at once — the
 * sweeper announces that as usual). docs/metrics.md says so.
 */
export async function retargetOpenObligation(
  tx: DbOrTx,
  events: EventPublisher,
  threadId: number,
  categoryId: number,
  targetSeconds: number,
): Promise<void> {
  const open = await lockOpenObligationOfThread(tx, threadId);
  if (!open || (open.categoryId === categoryId && open.targetSeconds === targetSeconds)) return;
  const { warnAt, dueAt } = obligationTimes(open.openedAt, targetSeconds);
  const stillAhead = (at: Date | null, when: Date) => (at !== null && when.getTime() > at.getTime() ? null : at);
  await updateObligation(tx, open.id, {
    categoryId,
    targetSeconds,
    warnAt,
    dueAt,
    // A later due time makes an announced warning or breach stand unannounced again.
    warnedAt: stillAhead(open.warnedAt, warnAt),
    breachedAt: stillAhead(open.breachedAt, dueAt),
  });
  await events.record(tx, 'obligation.opened', 'staff-queue', {
    obligationId: open.id,
    threadId,
    categoryId,
    openedAt: open.openedAt.toISOString(),
    warnAt: warnAt.toISOString(),
    dueAt: dueAt.toISOString(),
    targetSeconds,
  });
}
