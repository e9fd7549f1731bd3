import type { DigestCategory, DigestContent, DigestFigures, DigestStaff, StatsFigures } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import { findCategoryRow } from '../categories/find-categories.ts';
import { findOpenEscalations } from '../escalations/find-escalations.ts';
import { findDailyActivity, findHottestThreads } from '../forum/forum-activity-reads.ts';
import { addDays, daysBetween, localDayRange } from '../shared/local-days.ts';
import { emptyFigures, findSlaFigures, type FigureScope } from '../sla/compute-sla-stats.ts';
import { findIssueMilestones, findIssuesByNewVotes } from '../tracker/issue-activity-reads.ts';
import { digestChanges, digestFigures, digestTrend, NO_ACTIVITY } from './digest-figures.ts';
import { findStoredFigures } from './digests.repo.ts';

/** Days in the trend (small charts), ending with the digest's day. */
export const TREND_DAYS = 14;
const TOP = 5;
const LIST_MAX = 20;

type Keyed = StatsFigures & { key: string | number | null; label: string | null };

function stripKey(r: Keyed | undefined): StatsFigures {
  if (!r) return emptyFigures();
  const { key: _key, label: _label, ...figures } = r;
  return figures;
}

/**
 * Everything a digest says about local day `date` in `timeZone`, as of `now`
 * (docs/metrics.md, "The daily digest"). The day's SLA figures are
 * findSlaFigures' — the statistics' own function of the rules — over the same
 * local day, so they equal `GET /api/sla/stats?from=date&to=date` totals
 * field by field. The 13 days before, for the trend and the comparisons, are
 * the figures of their stored digests (as the archive shows them), computed
 * the same way, in one pass, for days that have none. No permission check
 * and no writes: generate-digest.ts does those. Takes `db` so that the job
 * can compute inside the transaction that holds its slot; the queries run
 * one after another (a transaction is one connection).
 */
export async function computeDigestContent(db: DbOrTx, input: { date: string; timeZone: string; now: Date }): Promise<DigestContent> {
  const { date, timeZone, now } = input;
  const first = addDays(date, -(TREND_DAYS - 1));
  const yesterday = addDays(date, -1);
  const scope = (from: string, to: string): FigureScope => ({ ...localDayRange(from, to, timeZone), now, timeZone });
  const day = scope(date, date);
  const range = { start: day.start, end: day.end, timeZone };

  const [total] = await findSlaFigures(db, day, 'none');
  const byCategory = await findSlaFigures(db, day, 'category');
  const byStaff = await findSlaFigures(db, day, 'staff');
  const activity = (await findDailyActivity(db, range)).get(date) ?? NO_ACTIVITY;
  const hottest = await findHottestThreads(db, range, TOP);
  const voted = await findIssuesByNewVotes(db, day, TOP);
  const milestones = await findIssueMilestones(db, day);
  const escalations = await findOpenEscalations({ db });
  const sla = stripKey(total);
  const figures = digestFigures(activity, sla);
  const before = await figuresOfDaysBefore(db, first, yesterday, scope);
  const figuresOf = (d: string) => (d === date ? figures : (before.get(d) ?? digestFigures(NO_ACTIVITY, emptyFigures())));

  const worst = byCategory
    .filter((g) => g.key !== null && g.compliance !== null && g.compliance < 1)
    .sort((a, b) => a.compliance! - b.compliance! || b.breached - a.breached || Number(a.key) - Number(b.key))
    .slice(0, 3);
  const categories = await categoryRefs(db, [...hottest.map((t) => t.categoryId), ...worst.map((g) => Number(g.key))]);
  const category = (id: number) => categories.get(id) ?? { id, slug: '', name: '' };
  const worstCategories: DigestCategory[] = worst.map((g) => ({
    ...category(Number(g.key)),
    obligations: g.obligations,
    met: g.met,
    breached: g.breached,
    compliance: g.compliance,
    medianSeconds: g.medianSeconds,
  }));

  // Staff groups hold only answered obligations (the unanswered are the null group): met on time or late.
  const staff: DigestStaff[] = byStaff
    .filter((g) => g.key !== null)
    .map((g) => ({ id: Number(g.key), name: g.label ?? '', answers: g.met + g.breached, met: g.met, medianSeconds: g.medianSeconds }));
  const mostAnswers = [...staff].sort((a, b) => b.answers - a.answers || a.name.localeCompare(b.name) || a.id - b.id).slice(0, 3);
  const slowestMedian = staff
    .filter((s) => s.medianSeconds !== null)
    .sort((a, b) => b.medianSeconds! - a.medianSeconds! || a.id - b.id)
    .slice(0, 3);

  return {
    date,
    timeZone,
    figures,
    sla,
    changes: digestChanges({ previous: figuresOf(yesterday), week: daysBetween(addDays(date, -7), yesterday).map(figuresOf) }),
    trend: digestTrend(daysBetween(first, date), figuresOf),
    topIssues: voted,
    issues: {
      promoted: milestones.promoted.slice(0, LIST_MAX),
      fixed: milestones.fixed.slice(0, LIST_MAX),
      released: milestones.released.slice(0, LIST_MAX),
      counts: { promoted: milestones.promoted.length, fixed: milestones.fixed.length, released: milestones.released.length },
    },
    openEscalations: escalations.length,
    escalations: escalations.slice(0, LIST_MAX).map((e) => ({
      id: e.id,
      thread: e.thread,
      issue: e.issue,
      from: { id: e.from.id, name: e.from.name },
      to: { id: e.to.id, name: e.to.name },
      note: e.note,
      createdAt: e.createdAt,
    })),
    hottestThreads: hottest.map((t) => ({
      id: t.id,
      title: t.title,
      category: category(t.categoryId),
      newPosts: t.newPosts,
      people: t.people,
    })),
    worstCategories,
    staff: { mostAnswers, slowestMedian },
  };
}

/** The days `from`…`to`: their stored digests' figures, and for days without one the same figures computed, all in one pass. */
async function figuresOfDaysBefore(
  db: DbOrTx,
  from: string,
  to: string,
  scope: (from: string, to: string) => FigureScope,
): Promise<Map<string, DigestFigures>> {
  const out = await findStoredFigures(db, from, to, scope(from, to).timeZone);
  const missing = daysBetween(from, to).filter((d) => !out.has(d));
  if (!missing.length) return out;
  const range = scope(missing[0]!, missing[missing.length - 1]!);
  const byDay = new Map((await findSlaFigures(db, range, 'day')).map((g) => [String(g.key), stripKey(g)]));
  const activity = await findDailyActivity(db, { start: range.start, end: range.end, timeZone: range.timeZone });
  for (const d of missing) out.set(d, digestFigures(activity.get(d) ?? NO_ACTIVITY, byDay.get(d) ?? emptyFigures()));
  return out;
}

async function categoryRefs(db: DbOrTx, ids: number[]): Promise<Map<number, { id: number; slug: string; name: string }>> {
  const out = new Map<number, { id: number; slug: string; name: string }>();
  for (const id of new Set(ids)) {
    const row = await findCategoryRow(db, id);
    if (row) out.set(id, { id, slug: row.slug, name: row.name });
  }
  return out;
}
