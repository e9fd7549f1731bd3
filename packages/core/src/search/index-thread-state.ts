import type { DbOrTx } from '@kakera/db';
import { updateThreadDocuments } from './search.repo.ts';

/**
 * After a thread was hidden, shown again or moved: its posts' documents take
 * its visibility, board and kind, in the forum's transaction (one UPDATE by
 * the thread's index; the terms do not change).
 */
export async function indexThreadState(tx: DbOrTx, threadId: number): Promise<void> {
  await updateThreadDocuments(tx, threadId);
}
