import type { ThreadObligation } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import { liveState } from './obligation-rules.ts';
import { findCurrentObligationOfThread } from './obligations.repo.ts';

/** The obligation a thread's readers see (the open one, else the latest), in its state at `now`; null when there has been none. */
export async function findThreadObligation(db: DbOrTx, threadId: number, now: Date): Promise<ThreadObligation | null> {
  const o = await findCurrentObligationOfThread(db, threadId);
  if (!o) return null;
  return {
    id: o.id,
    state: liveState(o, now),
    openedAt: o.openedAt.toISOString(),
    warnAt: o.warnAt.toISOString(),
    dueAt: o.dueAt.toISOString(),
    respondedAt: o.respondedAt?.toISOString() ?? null,
    targetSeconds: o.targetSeconds,
  };
}
