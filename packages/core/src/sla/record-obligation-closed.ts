import type { DbOrTx } from '@kakera/db';
import type { EventPublisher } from '../events/event-publisher.ts';

/**
 * An obligation closed without an answer (no response needed, or cancelled):
 * staff see it leave the queue, and readers of the thread see the waiting
 * notice go, both live.
 */
export async function recordObligationClosed(
  tx: DbOrTx,
  events: EventPublisher,
  data: { obligationId: number; threadId: number; categoryId: number; state: 'no_response_needed' | 'cancelled'; staffOnly?: boolean },
): Promise<void> {
  const { staffOnly = false, ...payload } = data;
  await events.record(tx, 'obligation.closed', 'staff-queue', payload);
  await events.record(tx, 'obligation.closed', `thread:${data.threadId}`, payload, { staffOnly });
}
