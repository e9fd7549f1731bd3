import { z } from 'zod';
import { IsoDateTime } from './common.ts';
import { IssueStatus, IssueType } from './issues.ts';
import { LocalDate, StatsFigures } from './sla.ts';
import { DIGEST_FIGURES, type DigestFigureName } from './digest-rules.ts';

/**
 * The executive daily digest (product.md, "The executive daily digest";
 * docs/metrics.md, "The daily digest"): one local day in TZ, computed once by
 * packages/core/src/digest and stored. Its SLA figures are the `totals` of
 * `GET /api/sla/stats?from=D&to=D` for the same day — one computation.
 */

export { DIGEST_FIGURES, DIGEST_POLARITY, describeDigestChange, type DigestChangeView, type DigestFigureName } from './digest-rules.ts';

export const DigestFigures = z.object({
  /** Threads started that day that readers can see (not hidden). */
  newThreads: z.number().int(),
  /** Posts written that day (opening posts and replies; not system messages, deleted or hidden ones). */
  newPosts: z.number().int(),
  /** Fans (not staff when posting) who wrote at least one of those posts. */
  activeFans: z.number().int(),
  /** Those posts written by staff (staff, executive, admin at posting time). */
  staffResponses: z.number().int(),
  /** The statistics' `totals` for the day: obligations opened, met, breached, compliance, median, resolved. */
  obligations: z.number().int(),
  met: z.number().int(),
  breached: z.number().int(),
  compliance: z.number().nullable(),
  medianFirstResponseSeconds: z.number().nullable(),
  resolved: z.number().int(),
});
export type DigestFigures = z.infer<typeof DigestFigures>;

/** A figure the day before, and its average over the 7 days before (a rate: over those 7 days taken together). */
export const DigestChange = z.object({
  previous: z.number().nullable(),
  average7: z.number().nullable(),
});
export type DigestChange = z.infer<typeof DigestChange>;

export const DigestChanges = z.object(
  Object.fromEntries(DIGEST_FIGURES.map((k) => [k, DigestChange])) as Record<DigestFigureName, typeof DigestChange>,
);
export type DigestChanges = z.infer<typeof DigestChanges>;

/** One day of the 14-day trend. */
export const DigestTrendDay = z.object({
  date: z.string(),
  newThreads: z.number().int(),
  newPosts: z.number().int(),
  obligations: z.number().int(),
  met: z.number().int(),
  breached: z.number().int(),
  compliance: z.number().nullable(),
});
export type DigestTrendDay = z.infer<typeof DigestTrendDay>;

export const DigestIssue = z.object({
  key: z.string(),
  title: z.string(),
  type: IssueType,
  status: IssueStatus,
  voteCount: z.number().int(),
});
export type DigestIssue = z.infer<typeof DigestIssue>;

export const DigestVotedIssue = DigestIssue.extend({
  /** Votes cast that day and not withdrawn since. */
  newVotes: z.number().int(),
});
export type DigestVotedIssue = z.infer<typeof DigestVotedIssue>;

const NamedRef = z.object({ id: z.number().int(), name: z.string() });

export const DigestEscalation = z.object({
  id: z.number().int(),
  thread: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  issue: z.object({ key: z.string(), title: z.string() }).nullable(),
  from: NamedRef,
  to: NamedRef,
  note: z.string(),
  createdAt: IsoDateTime,
});
export type DigestEscalation = z.infer<typeof DigestEscalation>;

export const DigestThread = z.object({
  id: z.number().int(),
  title: z.string(),
  category: z.object({ id: z.number().int(), slug: z.string(), name: z.string() }),
  /** Posts written in it that day. */
  newPosts: z.number().int(),
  /** Distinct people who wrote them. */
  people: z.number().int(),
});
export type DigestThread = z.infer<typeof DigestThread>;

export const DigestCategory = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  obligations: z.number().int(),
  met: z.number().int(),
  breached: z.number().int(),
  compliance: z.number().nullable(),
  medianSeconds: z.number().nullable(),
});
export type DigestCategory = z.infer<typeof DigestCategory>;

export const DigestStaff = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Obligations of the day they answered (on time or late). */
  answers: z.number().int(),
  met: z.number().int(),
  medianSeconds: z.number().nullable(),
});
export type DigestStaff = z.infer<typeof DigestStaff>;

/** What a digest says, without when it was generated: regenerating gives the same content unless the history changed. */
export const DigestContent = z.object({
  date: LocalDate,
  timeZone: z.string(),
  figures: DigestFigures,
  /** The same day's `GET /api/sla/stats` totals, every field. */
  sla: StatsFigures,
  changes: DigestChanges,
  /** The 14 days ending with this one, oldest first. */
  trend: z.array(DigestTrendDay),
  topIssues: z.array(DigestVotedIssue),
  /** Issues created that day (promoted from a thread), set to fixed, set to released: the first 20 of each, and how many. */
  issues: z.object({
    promoted: z.array(DigestIssue),
    fixed: z.array(DigestIssue),
    released: z.array(DigestIssue),
    counts: z.object({ promoted: z.number().int(), fixed: z.number().int(), released: z.number().int() }),
  }),
  /** Escalations not acknowledged when the digest was generated: how many, and the 20 oldest. */
  openEscalations: z.number().int(),
  escalations: z.array(DigestEscalation),
  hottestThreads: z.array(DigestThread),
  /** Categories with the lowest compliance that day (those with answered or breached obligations). */
  worstCategories: z.array(DigestCategory),
  staff: z.object({
    mostAnswers: z.array(DigestStaff),
    slowestMedian: z.array(DigestStaff),
  }),
});
export type DigestContent = z.infer<typeof DigestContent>;

export const Digest = DigestContent.extend({
  /** When this content was computed; kept when regenerating changes nothing. */
  generatedAt: IsoDateTime,
  /** Whether the reader may regenerate it (executives and admins). */
  can: z.object({ generate: z.boolean() }),
});
export type Digest = z.infer<typeof Digest>;

export const DigestSummary = z.object({ date: z.string(), generatedAt: IsoDateTime, figures: DigestFigures });
export type DigestSummary = z.infer<typeof DigestSummary>;

export const DigestDateParams = z.object({ date: LocalDate });
export const DigestListQuery = z.object({
  /** The date of the last digest of the previous page (newest first). */
  cursor: LocalDate.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export const DigestListResponse = z.object({ digests: z.array(DigestSummary), nextCursor: z.string().nullable() });
export type DigestListResponse = z.infer<typeof DigestListResponse>;
