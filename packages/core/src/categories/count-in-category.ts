import type { DbOrTx } from '@kakera/db';
import { addToCounts } from './categories.repo.ts';

/**
 * A board counts its threads and posts: the forum calls this inside the
 * transaction that adds them. Answers the board's response target, which
 * the new post's obligation (if it opens one) takes.
 */
export async function countInCategory(
  tx: DbOrTx,
  categoryId: number,
  add: { threads: number; posts: number },
): Promise<{ slaTargetSeconds: number }> {
  return addToCounts(tx, categoryId, add);
}
