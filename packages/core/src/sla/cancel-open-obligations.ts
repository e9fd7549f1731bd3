import type { DbOrTx } from '@kakera/db';
import type { EventPublisher } from '../events/event-publisher.ts';
import { closeOpenObligations } from './obligations.repo.ts';
import { recordObligationClosed } from './record-obligation-closed.ts';

/**
 * Nobody owes an answer any more (product.md): staff hid the thread as spam,
 * or the fan post that opened the obligation was deleted or hidden. The open
 * obligation is cancelled, left out of every statistic, and leaves the queue
 * and the thread's waiting notice live. Called by the forum inside its own
 * transaction; answers the cancelled ids (for the audit log).
 */
export async function cancelOpenObligations(
  tx: DbOrTx,
  events: EventPublisher,
  scope: { threadId: number } | { openedPostId: number },
  by: { userId: number | null; at: Date; reason: 'thread_hidden' | 'post_deleted' | 'post_hidden'; staffOnly: boolean },
): Promise<number[]> {
  const cancelled = await closeOpenObligations(tx, scope, {
    status: 'cancelled',
    closedAt: by.at,
    closedBy: by.userId,
    closedReason: by.reason,
  });
  for (const o of cancelled) {
    await recordObligationClosed(tx, events, {
      obligationId: o.id,
      threadId: o.threadId,
      categoryId: o.categoryId,
      state: 'cancelled',
      staffOnly: by.staffOnly,
    });
  }
  return cancelled.map((o) => o.id);
}
