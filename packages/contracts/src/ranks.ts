import { z } from 'zod';
import { Cursor, IsoDateTime } from './common.ts';
import { UserRef } from './users.ts';

// Fan ranks (product.md, "Fan ranks"): points, levels, badges, the leaderboard.

export const LeaderboardQuery = z.object({
  /** `month`: points earned this calendar month (UTC); `all`: all time. */
  period: z.enum(['month', 'all']).default('month'),
  cursor: Cursor,
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const LeaderboardResponse = z.object({
  period: z.enum(['month', 'all']),
  /** `YYYY-MM` for the monthly board. */
  month: z.string().nullable(),
  entries: z.array(z.object({ rank: z.number().int(), user: UserRef, points: z.number().int() })),
  nextCursor: z.string().nullable(),
});

export const PointsEntry = z.object({
  id: z.number().int(),
  /** `thread`, `reply`, `likeReceived`, `likeWithdrawn`, `acceptedAnswer`, `acceptedWithdrawn`, `bugConfirmed`, `adopted`, `grant`. */
  reason: z.string(),
  source: z.string(),
  points: z.number().int(),
  /** Where the points came from, when it is a page (a post, an issue). */
  url: z.string().nullable(),
  createdAt: IsoDateTime,
});
export const PointsHistoryQuery = z.object({ cursor: Cursor, limit: z.coerce.number().int().min(1).max(100).default(30) });
export const PointsHistoryResponse = z.object({
  points: z.number().int(),
  level: z.number().int(),
  /** Points where the next level starts; null at the top. */
  nextLevelAt: z.number().int().nullable(),
  entries: z.array(PointsEntry),
  nextCursor: z.string().nullable(),
});

export const BadgeEntry = z.object({
  badge: z.enum(['first_post', 'first_accepted_answer', 'bug_hunter', 'adopted']),
  source: z.string(),
  reason: z.string().nullable(),
  awardedAt: IsoDateTime,
});
export const BadgeListResponse = z.object({ badges: z.array(BadgeEntry) });
