import type { Thread } from '@kakera/contracts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireStaff, type Actor } from '../shared/actor.ts';
import { forbidden, notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { getThreadRecord } from './get-thread.ts';
import { recordThreadChanged } from './record-thread-changed.ts';
import { canModerate } from './thread-policy.ts';
import { lockThreadRow, updateThread } from './threads.repo.ts';

/** Staff lock a thread (no more fan replies; staff still may) or unlock it. Audited. */
export async function setThreadLocked(deps: Deps, actor: Actor, threadId: number, locked: boolean): Promise<Thread> {
  requireStaff(actor);
  if (!canModerate(actor)) throw forbidden();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const thread = await lockThreadRow(tx, threadId);
    if (!thread) throw notFound('Thread');
    if (thread.locked === locked) return;
    await updateThread(tx, threadId, { locked });
    await recordAudit(tx, actor, now, locked ? 'thread.locked' : 'thread.unlocked', { type: 'thread', id: threadId });
    await recordThreadChanged(tx, deps, { ...thread, locked }, null);
  });
  return getThreadRecord(deps, actor, threadId);
}
