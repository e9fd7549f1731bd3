import type { Flag } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import { recordAudit } from '../audit/record-audit.ts';
import type { UserActor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { toFlags } from './flag-view.ts';
import { findFlagRow, lockFlagRow, settleOpenFlagsOfPost, type FlagRow } from './flags.repo.ts';

/**
 * The shared steps of resolving and dismissing a flag, in one transaction:
 * lock the flag, let `act` do the moderation (hide the post), settle every
 * open flag on that post (one decision per post, however many fans flagged
 * it), audit and announce. A flag settled already is a conflict.
 */
export async function settleFlag(
  deps: Deps,
  user: UserActor,
  flagId: number,
  status: 'resolved' | 'dismissed',
  reason: string,
  act: (tx: DbOrTx, flag: FlagRow) => Promise<void>,
): Promise<Flag> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const flag = await lockFlagRow(tx, flagId);
    if (!flag) throw notFound('Flag');
    if (flag.status !== 'open') throw new AppError('conflict', `This flag was ${flag.status} already`);
    await act(tx, flag);
    const settled = await settleOpenFlagsOfPost(tx, flag.postId, { status, settledAt: now, settledBy: user.id });
    await recordAudit(tx, user, now, `flag.${status}`, { type: 'flag', id: flagId }, { postId: flag.postId, reason, flags: settled });
    for (const id of settled) {
      await deps.events.record(tx, 'flag.changed', 'staff-queue', { flagId: id, postId: flag.postId, status }, { staffOnly: true });
    }
  });
  const [flag] = await toFlags(deps.db, [(await findFlagRow(deps.db, flagId))!]);
  return flag!;
}
