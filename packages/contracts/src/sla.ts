import { z } from 'zod';
import { Cursor, EARLIEST_DATE, Id, IsoDateTime, LATEST_DATE } from './common.ts';
import { ObligationState } from './threads.ts';
import { UserRef } from './users.ts';

/**
 * The 15-minute rule over HTTP: the staff queue, claim / unclaim, close as
 * "no response needed", statistics and the public responsiveness figures.
 * The fixed fields are those of product.md ("Key fields"); the rest are extras
 * the web app uses.
 */

/** What the queue shows: open, past two thirds of the target, or past due. */
export const QueueState = z.enum(['open', 'warned', 'breached']);
export type QueueState = z.infer<typeof QueueState>;

export const QueueQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: Cursor,
  categoryId: Id.optional(),
});
export type QueueQuery = z.infer<typeof QueueQuery>;

const ObligationBase = z.object({
  id: z.number().int(),
  threadId: z.number().int(),
  categoryId: z.number().int(),
  openedAt: IsoDateTime,
  /** Two thirds of the target: when the warning fires. */
  warnAt: IsoDateTime,
  dueAt: IsoDateTime,
  targetSeconds: z.number().int(),
  /** The staff member who said "on it"; null when nobody has. Claiming does not stop the clock. */
  claimedBy: z.number().int().nullable().optional(),
  claimedAt: IsoDateTime.nullable().optional(),
  claimer: z.object({ id: z.number().int(), name: z.string() }).nullable().optional(),
  thread: z.object({ id: z.number().int(), title: z.string() }),
  category: z.object({ id: z.number().int(), slug: z.string(), name: z.string() }),
  /** The fan whose post opened it, as names are shown everywhere (null only if that account is gone). */
  author: UserRef.nullable(),
  /** That post's first line, as plain text (Markdown marks removed), at most 140 characters. */
  excerpt: z.string(),
});

export const QueueObligation = ObligationBase.extend({ state: QueueState });
export type QueueObligation = z.infer<typeof QueueObligation>;

export const QueueResponse = z.object({
  obligations: z.array(QueueObligation),
  /** Every open obligation (not only this page), by state. */
  counts: z.object({ open: z.number().int(), warned: z.number().int(), breached: z.number().int() }),
  /** The server's clock, so that countdowns can correct for a skewed client clock. */
  now: IsoDateTime,
  nextCursor: z.string().nullable(),
});
export type QueueResponse = z.infer<typeof QueueResponse>;

/** One obligation after a staff action, in whatever state it ended up. */
export const SlaObligation = ObligationBase.extend({
  state: ObligationState,
  status: z.enum(['open', 'met', 'no_response_needed', 'cancelled']),
  respondedAt: IsoDateTime.nullable(),
  responderId: z.number().int().nullable(),
  closedAt: IsoDateTime.nullable(),
  closedReason: z.string().nullable(),
});
export type SlaObligation = z.infer<typeof SlaObligation>;
export const SlaObligationResponse = z.object({ obligation: SlaObligation });

export const CloseObligationBody = z.object({
  /** Why no answer is needed: "spam", "thanks!", a duplicate… Kept with the obligation and in the audit log. */
  reason: z.string().trim().min(1).max(500),
});
export type CloseObligationBody = z.infer<typeof CloseObligationBody>;

/** A calendar date (a local day in TZ), checked to exist and to lie from EARLIEST_DATE to LATEST_DATE. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Use YYYY-MM-DD', abort: true })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { message: 'No such date', abort: true },
  )
  .refine((s) => s >= EARLIEST_DATE && s <= LATEST_DATE, `Use a date from ${EARLIEST_DATE} to ${LATEST_DATE}`);

/**
 * `day`, `week` (ISO weeks, Monday first), `month`, `year`: the local
 * periods of TZ, every one of the range listed (empty ones too); `staff`,
 * `team`, `category`: who answered, their team, where it was asked.
 */
export const StatsGroupBy = z.enum(['day', 'week', 'month', 'year', 'staff', 'team', 'category']);
export type StatsGroupBy = z.infer<typeof StatsGroupBy>;
/** The groupings that are periods of time (charts show them in order). */
export const STATS_PERIODS = ['day', 'week', 'month', 'year'] as const satisfies readonly StatsGroupBy[];

export const StatsQuery = z
  .object({
    /** First local day, inclusive. Default: `days - 1` days before `to`. */
    from: LocalDate.optional(),
    /** Last local day, inclusive. Default: today in TZ. */
    to: LocalDate.optional(),
    /** Without `from`: the period's length in days, ending `to` (default 7). */
    days: z.coerce.number().int().min(1).max(366).default(7),
    groupBy: StatsGroupBy.default('day'),
    /** Only obligations of this category. */
    categoryId: Id.optional(),
    /** Only obligations answered by this staff member. */
    staffId: Id.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '`from` must not be after `to`', path: ['from'] });
export type StatsQuery = z.infer<typeof StatsQuery>;

export const StatsFigures = z.object({
  /** Every obligation opened in the period, except cancelled ones. */
  obligations: z.number().int(),
  /** Answered by a public staff post within the target (`respondedAt <= dueAt`). */
  met: z.number().int(),
  /** Answered late, or still open past due. */
  breached: z.number().int(),
  noResponseNeeded: z.number().int(),
  /** Still open and not yet due. */
  open: z.number().int(),
  /** met / (met + breached); null when both are 0. */
  compliance: z.number().nullable(),
  /** Over answered obligations: respondedAt - openedAt, seconds. */
  medianSeconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
  /** Obligations whose thread is solved (an accepted answer, or its author said yes). */
  resolved: z.number().int(),
  /** resolved / (obligations - noResponseNeeded); null when that is 0. */
  resolutionRate: z.number().nullable(),
});
export type StatsFigures = z.infer<typeof StatsFigures>;

export const StatsGroup = StatsFigures.extend({
  /**
   * `day`: the local date (YYYY-MM-DD); `week`: its Monday (YYYY-MM-DD);
   * `month`: YYYY-MM; `year`: YYYY; `staff`: the responder's user id;
   * `team`: the responder's team name, '' when they have none; `category`:
   * the category id. Null gathers the obligations nobody has answered, by
   * staff and by team alike.
   */
  key: z.union([z.string(), z.number().int()]).nullable(),
  /** A readable name for the key: the date, the ISO week (2023-W31), the person's or team's name, the category's name. */
  label: z.string(),
});
export type StatsGroup = z.infer<typeof StatsGroup>;

export const StatsResponse = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  groupBy: StatsGroupBy,
  totals: StatsFigures,
  groups: z.array(StatsGroup),
  /**
   * The local dates of the first and last obligations there are (in the
   * category asked for, if any), whatever the period: where "all of it"
   * begins and ends. Null when there is none.
   */
  firstDate: z.string().nullable().optional(),
  lastDate: z.string().nullable().optional(),
});
export type StatsResponse = z.infer<typeof StatsResponse>;

/** Public: the promise made in public, per category, over the last 7 days (rolling). */
export const ResponsivenessResponse = z.object({
  categoryId: z.number().int(),
  slug: z.string(),
  targetSeconds: z.number().int(),
  windowDays: z.number().int(),
  since: IsoDateTime,
  obligations: z.number().int(),
  met: z.number().int(),
  breached: z.number().int(),
  compliance: z.number().nullable(),
  medianSeconds: z.number().nullable(),
});
export type ResponsivenessResponse = z.infer<typeof ResponsivenessResponse>;

/** Staff: hide a thread (as spam, off-topic…); its open obligation is cancelled. */
export const HideThreadBody = z.object({ reason: z.string().trim().min(1).max(500) });
export type HideThreadBody = z.infer<typeof HideThreadBody>;
/** Lock (no fan replies) or unlock; pin (on top of its board) or unpin. */
export const LockThreadBody = z.object({ locked: z.boolean() });
export const PinThreadBody = z.object({ pinned: z.boolean() });
/** Move a thread to another board. */
export const MoveThreadBody = z.object({ categoryId: Id });
