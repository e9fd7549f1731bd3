import type { DbOrTx } from '@kakera/db';
import { ensureSettingsRows, type SettingsRow } from './notification-settings.repo.ts';

export type StoredNotificationSettings = Pick<SettingsRow, 'userId' | 'digestEmail' | 'emailMode' | 'emailKinds' | 'unsubscribeToken'>;

/**
 * These people's settings, the rows made with the defaults where missing (a
 * mail's unsubscribe link needs the token): for other modules that mail
 * people, the digest's e-mail first.
 */
export async function ensureNotificationSettings(
  db: DbOrTx,
  userIds: number[],
  now: Date,
): Promise<Map<number, StoredNotificationSettings>> {
  return ensureSettingsRows(db, userIds, now);
}
