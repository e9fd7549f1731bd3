import { DEFAULT_EMAIL_KINDS, NotificationKind, type EmailMode, type NotificationSettings } from '@kakera/contracts';
import type { SettingsRow } from './notification-settings.repo.ts';

/** What a person without a stored row gets (the table's column defaults say the same). */
export const DEFAULT_SETTINGS = {
  mutedKinds: [] as NotificationKind[],
  emailKinds: [...DEFAULT_EMAIL_KINDS] as NotificationKind[],
  emailMode: 'instant' as EmailMode,
  digestEmail: true,
};

/** Kinds as stored, keeping only those that still exist. */
const known = (kinds: string[]): NotificationKind[] => kinds.filter((k): k is NotificationKind => NotificationKind.safeParse(k).success);

export function toNotificationSettings(
  row: SettingsRow | undefined,
  account: { email: string | null },
  can: { digestEmail: boolean },
): NotificationSettings {
  return {
    mutedKinds: row ? known(row.mutedKinds) : DEFAULT_SETTINGS.mutedKinds,
    emailKinds: row ? known(row.emailKinds) : DEFAULT_SETTINGS.emailKinds,
    emailMode: row ? ((['instant', 'daily', 'off'] as const).find((m) => m === row.emailMode) ?? 'instant') : DEFAULT_SETTINGS.emailMode,
    digestEmail: can.digestEmail && (row ? row.digestEmail : DEFAULT_SETTINGS.digestEmail),
    emailAddress: account.email,
    can,
  };
}
