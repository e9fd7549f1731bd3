import type { Flag, SettleFlagBody } from '@kakera/contracts';
import { setPostHidden } from '../forum/hide-post.ts';
import { requireStaff, type Actor } from '../shared/actor.ts';
import { forbidden } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { canHandleFlags } from './flag-policy.ts';
import { settleFlag } from './settle-flag.ts';

/**
 * Staff agree with a flag: its post is hidden (forum's hide, audited as
 * `post.hidden`) and every open flag on it is resolved (`flag.resolved`),
 * in one transaction. A post deleted meanwhile stays deleted.
 */
export async function resolveFlag(deps: Deps, actor: Actor, flagId: number, input: SettleFlagBody): Promise<Flag> {
  const user = requireStaff(actor);
  if (!canHandleFlags(actor)) throw forbidden('Staff only');
  return settleFlag(deps, user, flagId, 'resolved', input.reason ?? '', async (tx, flag) => {
    const reason = input.reason || `Flagged: ${flag.reason}${flag.note ? ` — ${flag.note}` : ''}`;
    await setPostHidden(tx, deps, user, flag.postId, { hidden: true, reason });
  });
}
