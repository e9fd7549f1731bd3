import type { NotificationSettings, UpdateNotificationSettingsBody } from '@kakera/contracts';
import { requireUser, type Actor } from '../shared/actor.ts';
import { forbidden } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { canMailDigest, getNotificationSettings } from './get-notification-settings.ts';
import { upsertSettings, type SettingsPatch } from './notification-settings.repo.ts';

/**
 * A user changes what they hear about. Suspended users may too (as they may
 * choose their language): it is about what reaches them, not what they write.
 * The digest by e-mail is only for those who may read the digest.
 */
export async function updateNotificationSettings(
  deps: Deps,
  actor: Actor,
  input: UpdateNotificationSettingsBody,
): Promise<NotificationSettings> {
  const user = requireUser(actor);
  if (input.digestEmail !== undefined && !canMailDigest(user)) throw forbidden('Only executives and admins get the daily digest');
  const patch: SettingsPatch = {};
  if (input.mutedKinds) patch.mutedKinds = input.mutedKinds;
  if (input.emailKinds) patch.emailKinds = input.emailKinds;
  if (input.emailMode) patch.emailMode = input.emailMode;
  if (input.digestEmail !== undefined) patch.digestEmail = input.digestEmail;
  await upsertSettings(deps.db, user.id, patch, deps.clock.now());
  return getNotificationSettings(deps, actor);
}
