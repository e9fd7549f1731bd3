import type { NotificationSettings } from '@kakera/contracts';
import { requireUser, type Actor, type UserActor } from '../shared/actor.ts';
import { notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { accountCan } from '../users/account-policy.ts';
import { findMailAccounts } from '../users/user-reads.ts';
import { findSettingsRow } from './notification-settings.repo.ts';
import { toNotificationSettings } from './notification-settings-view.ts';

/** Whether this person may have the daily digest mailed: whoever may read it (users/account-policy.ts). */
export const canMailDigest = (user: Pick<UserActor, 'role' | 'suspended'>): boolean => accountCan(user).digest;

/** The signed-in user's notification and e-mail settings (the defaults until they change one). */
export async function getNotificationSettings(deps: Deps, actor: Actor): Promise<NotificationSettings> {
  const user = requireUser(actor);
  const [[account], row] = await Promise.all([findMailAccounts(deps.db, { ids: [user.id] }), findSettingsRow(deps.db, user.id)]);
  if (!account) throw notFound('User');
  return toNotificationSettings(row, account, { digestEmail: canMailDigest(account) });
}
