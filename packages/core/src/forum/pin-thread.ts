import type { Thread } from '@kakera/contracts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireStaff, type Actor } from '../shared/actor.ts';
import { forbidden, notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { getThreadRecord } from './get-thread.ts';
import { recordThreadChanged } from './record-thread-changed.ts';
import { canModerate } from './thread-policy.ts';
import { lockThreadRow, updateThread } from './threads.repo.ts';

/** Staff pin a thread on top of its board's list, or unpin it. Audited. */
export async function setThreadPinned(deps: Deps, actor: Actor, threadId: number, pinned: boolean): Promise<Thread> {
  requireStaff(actor);
  if (!canModerate(actor)) throw forbidden();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const thread = await lockThreadRow(tx, threadId);
    if (!thread) throw notFound('Thread');
    if (thread.pinned === pinned) return;
    await updateThread(tx, threadId, { pinned });
    await recordAudit(tx, actor, now, pinned ? 'thread.pinned' : 'thread.unpinned', { type: 'thread', id: threadId });
    await recordThreadChanged(tx, deps, { ...thread, pinned }, null);
  });
  return getThreadRecord(deps, actor, threadId);
}
