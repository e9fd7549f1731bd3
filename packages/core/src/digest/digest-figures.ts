import type { DigestChanges, DigestFigureName, DigestFigures, DigestTrendDay, StatsFigures } from '@kakera/contracts';
import { DIGEST_FIGURES } from '@kakera/contracts';

/**
 * The digest's headline figures, their change and their trend (pure: the
 * queries are in compute-digest.ts). A day's figures are the forum's
 * activity (forum/forum-activity-reads.ts) and the statistics' figures for
 * that day (sla/compute-sla-stats.ts, findSlaFigures); the days before come
 * from their own stored digests, so the trend and the comparisons read as
 * the archive does.
 */

export interface DayActivityFigures {
  newThreads: number;
  newPosts: number;
  activeFans: number;
  staffResponses: number;
}

export const NO_ACTIVITY: DayActivityFigures = { newThreads: 0, newPosts: 0, activeFans: 0, staffResponses: 0 };

/** The headline figures of one day: its activity, and the statistics' totals for it. */
export function digestFigures(activity: DayActivityFigures, sla: StatsFigures): DigestFigures {
  return {
    newThreads: activity.newThreads,
    newPosts: activity.newPosts,
    activeFans: activity.activeFans,
    staffResponses: activity.staffResponses,
    obligations: sla.obligations,
    met: sla.met,
    breached: sla.breached,
    compliance: sla.compliance,
    medianFirstResponseSeconds: sla.medianSeconds,
    resolved: sla.resolved,
  };
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * Each figure the day before (`previous`), and over the 7 days before
 * (`average7`): counts as the mean per day (to hundredths); compliance as
 * met / (met + breached) of those 7 days together, so that a quiet day
 * weighs no more than its obligations; the median as the mean of the days'
 * medians (days with answers). Null where there is nothing to compare.
 */
export function digestChanges(input: { previous: DigestFigures; week: DigestFigures[] }): DigestChanges {
  const days = input.week.length || 1;
  const sum = (k: DigestFigureName) => input.week.reduce((n, f) => n + (f[k] ?? 0), 0);
  const met = sum('met');
  const breached = sum('breached');
  const medians = input.week.map((f) => f.medianFirstResponseSeconds).filter((m): m is number => m !== null);
  const average7 = Object.fromEntries(DIGEST_FIGURES.map((k) => [k, round(sum(k) / days, 2)])) as Record<DigestFigureName, number | null>;
  average7.compliance = met + breached > 0 ? met / (met + breached) : null;
  average7.medianFirstResponseSeconds = medians.length ? round(medians.reduce((a, b) => a + b, 0) / medians.length, 3) : null;
  return Object.fromEntries(DIGEST_FIGURES.map((k) => [k, { previous: input.previous[k], average7: average7[k] }])) as DigestChanges;
}

/** The trend: one entry per day, from that day's figures. */
export function digestTrend(days: string[], figuresOf: (d: string) => DigestFigures): DigestTrendDay[] {
  return days.map((date) => {
    const f = figuresOf(date);
    return {
      date,
      newThreads: f.newThreads,
      newPosts: f.newPosts,
      obligations: f.obligations,
      met: f.met,
      breached: f.breached,
      compliance: f.compliance,
    };
  });
}
