import { z } from 'zod';
import { Cursor, Id, IsoDateTime } from './common.ts';
import { LocalDate } from './sla.ts';
import { UserRef } from './users.ts';

/** Why a fan flags a post. `other` needs the fan's own words. */
export const FlagReason = z.enum(['spam', 'abuse', 'off_topic', 'other']);
export type FlagReason = z.infer<typeof FlagReason>;
export const FlagStatus = z.enum(['open', 'resolved', 'dismissed']);
export type FlagStatus = z.infer<typeof FlagStatus>;

export const FlagPostBody = z
  .object({ reason: FlagReason, note: z.string().trim().max(500).default('') })
  .refine((b) => b.reason !== 'other' || b.note.length > 0, { path: ['note'], message: 'Say what is wrong' });
export type FlagPostBody = z.infer<typeof FlagPostBody>;

/** A flag in the staff queue, with enough of the post to decide without opening it. */
export const Flag = z.object({
  id: z.number().int(),
  reason: FlagReason,
  note: z.string(),
  status: FlagStatus,
  createdAt: IsoDateTime,
  reporter: UserRef,
  settledAt: IsoDateTime.nullable(),
  settledBy: UserRef.nullable(),
  post: z.object({
    id: z.number().int(),
    threadId: z.number().int(),
    threadTitle: z.string(),
    position: z.number().int(),
    author: UserRef,
    /** The post's Markdown source, cut to 280 characters. */
    excerpt: z.string(),
    hidden: z.boolean(),
    deleted: z.boolean(),
  }),
});
export type Flag = z.infer<typeof Flag>;

export const FlagResponse = z.object({ flag: Flag });
export const FlagListQuery = z.object({
  status: FlagStatus.default('open'),
  cursor: Cursor,
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export const FlagListResponse = z.object({ flags: z.array(Flag), openCount: z.number().int(), nextCursor: z.string().nullable() });

/** Staff settle a flag: `resolve` hides the post (with `reason`), `dismiss` leaves it. Every open flag on that post is settled with it. */
export const SettleFlagBody = z.object({ reason: z.string().trim().max(500).optional() });
export type SettleFlagBody = z.infer<typeof SettleFlagBody>;

export const HidePostBody = z.object({ reason: z.string().trim().min(1).max(500) });
export type HidePostBody = z.infer<typeof HidePostBody>;

/** Staff suspend a user (they may read, not write) or lift it. */
export const SuspendUserBody = z.object({ suspended: z.boolean(), reason: z.string().trim().max(500).default('') });
export type SuspendUserBody = z.infer<typeof SuspendUserBody>;

/** One line of the audit log: who did what to what, when, and the details (from → to, reason). */
export const AuditEntry = z.object({
  id: z.number().int(),
  actor: UserRef.nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  data: z.record(z.string(), z.unknown()),
  createdAt: IsoDateTime,
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * Filters of `GET /api/audit`: `action` matches exactly (`thread.locked`) or a
 * prefix ending in a dot (`thread.`); `target` is `type:id` (`thread:12`) or a
 * type alone (`thread`); `from`/`to` are days in the server's TZ, inclusive.
 */
export const AuditQuery = z.object({
  actor: Id.optional(),
  action: z
    .string()
    .trim()
    .max(60)
    .regex(/^[a-z_.]*$/, 'Letters, dots and underscores')
    .optional(),
  target: z
    .string()
    .trim()
    .max(80)
    .regex(/^[a-z_]+(:[A-Za-z0-9_-]+)?$/, 'type or type:id')
    .optional(),
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  cursor: Cursor,
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
export const AuditListResponse = z.object({ entries: z.array(AuditEntry), nextCursor: z.string().nullable() });
