import { z } from 'zod';
import { Cursor, IsoDateTime } from './common.ts';
import { UserRef } from './users.ts';

/**
 * A stored notification. `kind` says what happened; `data` holds what the
 * words are made of (names, keys, titles, statuses), so each language words it.
 */
export const NotificationKind = z.enum([
  'issue.status_changed',
  'issue.adopted',
  'thread.replied',
  'thread.staff_answered',
  'answer.accepted',
  'mention',
  'escalation.received',
  'rank.level_up',
  'rank.badge',
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const Notification = z.object({
  id: z.number().int(),
  kind: NotificationKind,
  data: z.record(z.string(), z.unknown()),
  url: z.string().nullable(),
  createdAt: IsoDateTime,
  readAt: IsoDateTime.nullable(),
  /** Who it is about (the writer of the post, …) as names are shown everywhere, with level title or staff team; in lists. */
  actor: UserRef.nullable().optional(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationListQuery = z.object({ cursor: Cursor, limit: z.coerce.number().int().min(1).max(100).default(30) });
export const NotificationListResponse = z.object({
  notifications: z.array(Notification),
  unreadCount: z.number().int(),
  nextCursor: z.string().nullable(),
});
export const MarkReadBody = z.union([
  z.object({ ids: z.array(z.number().int().positive()).min(1).max(200) }),
  z.object({ all: z.literal(true) }),
]);
export const UnreadCountResponse = z.object({ unreadCount: z.number().int() });

/** Who an @mention being typed may name: names that start with `prefix` (case-insensitive), for the editor's autocomplete. */
export const MentionSuggestQuery = z.object({
  prefix: z.string().trim().min(1).max(40),
  limit: z.coerce.number().int().min(1).max(10).default(6),
});
export const MentionSuggestResponse = z.object({ users: z.array(UserRef) });
