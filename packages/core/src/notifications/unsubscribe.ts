import type { UnsubscribeList } from '@kakera/contracts';
import { notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { unsubscribeByToken } from './notification-settings.repo.ts';

/**
 * One-click unsubscribe (the link and the List-Unsubscribe header of every
 * e-mail): no sign-in, the token says whose settings. `digest` stops the
 * daily digest; `notifications` stops notification e-mail (mode `off`).
 */
export async function unsubscribe(deps: Deps, input: { token: string; list: UnsubscribeList }): Promise<{ list: UnsubscribeList }> {
  const userId = await unsubscribeByToken(deps.db, input.token, input.list, deps.clock.now());
  if (userId === undefined) throw notFound('Subscription');
  return { list: input.list };
}
