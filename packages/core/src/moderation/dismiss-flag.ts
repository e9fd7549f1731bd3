import type { Flag, SettleFlagBody } from '@kakera/contracts';
import { requireStaff, type Actor } from '../shared/actor.ts';
import { forbidden } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { canHandleFlags } from './flag-policy.ts';
import { settleFlag } from './settle-flag.ts';

/** Staff see nothing wrong: the post stays, every open flag on it is dismissed (`flag.dismissed`). */
export async function dismissFlag(deps: Deps, actor: Actor, flagId: number, input: SettleFlagBody): Promise<Flag> {
  const user = requireStaff(actor);
  if (!canHandleFlags(actor)) throw forbidden('Staff only');
  return settleFlag(deps, user, flagId, 'dismissed', input.reason ?? '', async () => {});
}
