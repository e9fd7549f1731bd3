import { z } from 'zod';
import { NotificationKind } from './notifications.ts';

/**
 * What each person wants to hear about (docs/operations.md, "E-mail"):
 * kinds muted in the app, which kinds also come by e-mail and how (each at
 * once, one daily summary, or none), and — for those who may read it — the
 * daily digest by e-mail. Without a stored row, the defaults below.
 */
export const EmailMode = z.enum(['instant', 'daily', 'off']);
export type EmailMode = z.infer<typeof EmailMode>;

/** The e-mail a person gets unless they choose otherwise: the answers and outcomes that concern them. */
export const DEFAULT_EMAIL_KINDS = [
  'thread.staff_answered',
  'issue.status_changed',
  'issue.adopted',
] as const satisfies readonly NotificationKind[];

export const NotificationSettings = z.object({
  /** Kinds never stored or shown for this person (nor mailed). */
  mutedKinds: z.array(NotificationKind),
  /** Kinds also sent by e-mail, per `emailMode`. */
  emailKinds: z.array(NotificationKind),
  emailMode: EmailMode,
  /** The daily digest by e-mail (only for those who may read it: `can.digestEmail`). */
  digestEmail: z.boolean(),
  /** Where the e-mail goes; null when the account has no address. */
  emailAddress: z.string().nullable(),
  can: z.object({ digestEmail: z.boolean() }),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const NotificationSettingsResponse = z.object({ settings: NotificationSettings });

const kinds = z
  .array(NotificationKind)
  .max(NotificationKind.options.length * 2)
  .transform((ks) => [...new Set(ks)]);

export const UpdateNotificationSettingsBody = z
  .object({
    mutedKinds: kinds.optional(),
    emailKinds: kinds.optional(),
    emailMode: EmailMode.optional(),
    digestEmail: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change' });
export type UpdateNotificationSettingsBody = z.infer<typeof UpdateNotificationSettingsBody>;

/** What a one-click unsubscribe link turns off: the digest, or notification e-mail (every kind). */
export const UnsubscribeList = z.enum(['digest', 'notifications']);
export type UnsubscribeList = z.infer<typeof UnsubscribeList>;

export const UnsubscribeQuery = z.object({
  token: z.string().min(16).max(100),
  list: UnsubscribeList.default('notifications'),
});
export const UnsubscribeResponse = z.object({ ok: z.literal(true), list: UnsubscribeList });
