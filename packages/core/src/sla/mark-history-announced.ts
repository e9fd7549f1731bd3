import type { DbOrTx } from '@kakera/db';
import { stampPastAnnouncements } from './obligations.repo.ts';

/**
 * Imported history goes through the response rule like live posts
 * (applyPostToObligation), but its warnings and breaches are long past:
 * nobody is told now. In the importing transaction, the open obligations of
 * these threads whose warning or due instant lies before `now` are marked
 * announced at that instant (`warned_at` = `warn_at`, `breached_at` =
 * `due_at`), so the sweeper — which only claims unannounced rows — never
 * fires them. Their figures are the rules' (an obligation still open past
 * due is breached); one due later than `now` is announced live as usual.
 * Answers how many rows were marked.
 */
export async function markHistoryAnnounced(tx: DbOrTx, input: { threadIds: number[]; now: Date }): Promise<number> {
  return stampPastAnnouncements(tx, [...new Set(input.threadIds)], input.now);
}
