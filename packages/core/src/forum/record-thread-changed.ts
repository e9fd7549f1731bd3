import type { DbOrTx } from '@kakera/db';
import type { Deps } from '../shared/deps.ts';
import type { ThreadRow } from './threads.repo.ts';

/** Readers of the thread and of its board (and of the board it left) see a lock, pin or move live. */
export async function recordThreadChanged(
  tx: DbOrTx,
  deps: Pick<Deps, 'events'>,
  thread: ThreadRow,
  fromCategoryId: number | null,
): Promise<void> {
  const data = { threadId: thread.id, categoryId: thread.categoryId, fromCategoryId, locked: thread.locked, pinned: thread.pinned };
  const audience = { staffOnly: thread.hiddenAt !== null };
  await deps.events.record(tx, 'thread.changed', `thread:${thread.id}`, data, audience);
  await deps.events.record(tx, 'thread.changed', `category:${thread.categoryId}`, data, audience);
  if (fromCategoryId !== null) await deps.events.record(tx, 'thread.changed', `category:${fromCategoryId}`, data, audience);
}
