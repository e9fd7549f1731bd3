import { sql, type SQL } from 'drizzle-orm';
import type { ResponsivenessResponse, StatsFigures, StatsGroup, StatsGroupBy, StatsQuery, StatsResponse } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import { requireStaff, type Actor } from '../shared/actor.ts';
import { invalid } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { categoryNameSql } from '../categories/category-reads.ts';
import { getCategoryRowBySlug } from '../categories/find-categories.ts';
import { solvedSql } from '../forum/thread-reads.ts';
import { userNameSql } from '../users/user-reads.ts';
import {
  answeredSql,
  breachedSql,
  cancelledSql,
  metSql,
  noResponseNeededSql,
  obligationColumns,
  openNotDueSql,
} from './obligation-state-sql.ts';
import { addDays, localDate, localDayRange } from '../shared/local-days.ts';
import { buildZone, findDayStats, findKeptDateRange, findOpenNotDue, teamKeySql, zoneIsKept } from './day-stats.repo.ts';
import { percentiles } from './percentiles.ts';
import { isPeriod, periodLabel, periodsBetween } from './stats-periods.ts';
import { compliance } from './obligation-rules.ts';
import { rowsOf } from '@kakera/db';

/**
 * Statistics of the 15-minute rule (product.md, "Key fields"; docs/metrics.md).
 *
 * Every obligation is counted once, in one bucket, by classifyObligation's
 * rules (obligation-rules.ts) as obligation-state-sql.ts writes them in SQL;
 * cancelled obligations are left out of every figure.
 * An obligation belongs to the local day (in TZ) and the category of its
 * opened_at, and to the staff member and team of its responder (null while
 * nobody has answered; '' for a responder without a team). Median and p90 are percentile_cont over answered
 * obligations (responded_at - opened_at, in seconds).
 */

export interface FigureScope {
  /** Obligations opened in [start, end). */
  start: Date;
  end: Date;
  /** Now, for "still open past due". */
  now: Date;
  timeZone: string;
  categoryId?: number | undefined;
  staffId?: number | undefined;
}

interface FigureRow {
  key: string | number | null;
  label: string | null;
  obligations: number;
  met: number;
  breached: number;
  no_response_needed: number;
  open: number;
  median: number | null;
  p90: number | null;
  resolved: number;
}

// An obligation's group: its local day, responder, responder's team or
// category. Labels are looked up once per group, after counting.
const KEY: Record<StatsGroupBy | 'none', (tz: string) => { key: SQL; label: (key: SQL) => SQL }> = {
  none: () => ({ key: sql`null::text`, label: () => sql`null::text` }),
  day: (tz) => ({ key: sql`to_char(o.opened_at at time zone ${tz}, 'YYYY-MM-DD')`, label: (key) => key }),
  week: (tz) => ({
    key: sql`to_char(date_trunc('week', (o.opened_at at time zone ${tz})::date)::date, 'YYYY-MM-DD')`,
    label: (key) => key,
  }),
  month: (tz) => ({ key: sql`to_char(o.opened_at at time zone ${tz}, 'YYYY-MM')`, label: (key) => key }),
  year: (tz) => ({ key: sql`to_char(o.opened_at at time zone ${tz}, 'YYYY')`, label: (key) => key }),
  staff: () => ({ key: sql`o.responder_id`, label: (key) => userNameSql(key) }),
  team: () => ({ key: teamKeySql(sql`o.responder_id`, sql`o.responder_team_id`), label: (key) => key }),
  category: () => ({ key: sql`o.category_id`, label: (key) => categoryNameSql(key) }),
};

const o = obligationColumns('o');

/**
 * The figures for one scope, grouped or not. No permission check: the
 * statistics endpoint and the digest (same figures for the same day) call it.
 * Each obligation is counted in one bucket, by obligation-state-sql.ts.
 */
export async function findSlaFigures(
  db: DbOrTx,
  scope: FigureScope,
  groupBy: StatsGroupBy | 'none',
): Promise<(StatsFigures & { key: string | number | null; label: string | null })[]> {
  const { key, label } = KEY[groupBy](scope.timeZone);
  const now = scope.now;
  const seconds = sql`extract(epoch from (o.responded_at - o.opened_at))::float8`;
  const filters: SQL[] = [sql`o.opened_at >= ${scope.start}`, sql`o.opened_at < ${scope.end}`, sql`not ${cancelledSql(o)}`];
  if (scope.categoryId) filters.push(sql`o.category_id = ${scope.categoryId}`);
  if (scope.staffId) filters.push(sql`o.responder_id = ${scope.staffId}`);
  const result = await db.execute(sql`
    select g.*, ${label(sql`g.key`)} as label from (
      select ${key} as key,
        count(*)::int as obligations,
        count(*) filter (where ${metSql(o)})::int as met,
        count(*) filter (where ${breachedSql(now, o)})::int as breached,
        count(*) filter (where ${noResponseNeededSql(o)})::int as no_response_needed,
        count(*) filter (where ${openNotDueSql(now, o)})::int as open,
        percentile_cont(0.5) within group (order by ${seconds}) filter (where ${answeredSql(o)}) as median,
        percentile_cont(0.9) within group (order by ${seconds}) filter (where ${answeredSql(o)}) as p90,
        count(*) filter (where not ${noResponseNeededSql(o)} and ${solvedSql(sql`o.thread_id`)})::int as resolved
      from obligations o
      where ${sql.join(filters, sql` and `)}
      group by 1
    ) g`);
  return rowsOf<FigureRow>(result).map((r) => ({ key: normaliseKey(r.key), label: r.label, ...toFigures(r) }));
}

function normaliseKey(key: unknown): string | number | null {
  if (key === null || key === undefined) return null;
  return typeof key === 'number' || typeof key === 'string' ? key : String(key);
}

const round3 = (n: number | null | undefined) => (n === null || n === undefined ? null : Math.round(Number(n) * 1000) / 1000);

function toFigures(r: Partial<FigureRow>): StatsFigures {
  const obligations = Number(r.obligations ?? 0);
  const met = Number(r.met ?? 0);
  const breached = Number(r.breached ?? 0);
  const noResponseNeeded = Number(r.no_response_needed ?? 0);
  const resolved = Number(r.resolved ?? 0);
  const considered = obligations - noResponseNeeded;
  return {
    obligations,
    met,
    breached,
    noResponseNeeded,
    open: Number(r.open ?? 0),
    compliance: compliance(met, breached),
    medianSeconds: round3(r.median),
    p90Seconds: round3(r.p90),
    resolved,
    resolutionRate: considered > 0 ? resolved / considered : null,
  };
}

export const emptyFigures = (): StatsFigures => toFigures({});

/**
 * GET /api/sla/stats: staff only; local days in `timeZone` (the server's TZ);
 * any period, grouped by day, week, month, year, staff, team or category.
 *
 * Read from the figures kept per local day (obligation_day_stats, kept by
 * triggers as obligations and threads change; built for a zone on its first
 * use), so that years cost what days do: the counts are sums, `open`
 * obligations split at `now` into breached and not yet due (the few open
 * ones not yet due are counted live), and medians and p90 are taken over
 * every first-response time of the period, kept exactly. The figures are
 * those of findSlaFigures (the rules' SQL), as apps/api/test/sla-day-stats.test.ts checks.
 */
export async function computeSlaStats(deps: Deps, actor: Actor, input: StatsQuery & { timeZone: string }): Promise<StatsResponse> {
  requireStaff(actor);
  const now = deps.clock.now();
  const to = input.to ?? localDate(now, input.timeZone);
  const from = input.from ?? addDays(to, -(input.days - 1));
  if (from > to) throw invalid([{ path: 'from', message: '`from` must not be after `to`' }]);
  const { start, end } = localDayRange(from, to, input.timeZone);
  const scope = { timeZone: input.timeZone, from, to, start, end, now, categoryId: input.categoryId, staffId: input.staffId };
  await keepZone(deps, input.timeZone);
  const [rows, notDue, range] = await Promise.all([
    findDayStats(deps.db, scope, input.groupBy),
    findOpenNotDue(deps.db, scope, input.groupBy),
    findKeptDateRange(deps.db, input.timeZone, input.categoryId),
  ]);
  const notDueOf = new Map(notDue.map((r) => [normaliseKey(r.key), Number(r.n)]));
  const all: Float64Array[] = [];
  let groups: StatsGroup[] = rows.map((r) => {
    const key = normaliseKey(r.key);
    const seconds = decodeSeconds(r.seconds);
    all.push(seconds.slice());
    const open = notDueOf.get(key) ?? 0;
    return {
      ...figuresOf({ ...r, open, breached: Number(r.breachedAnswered) + Number(r.openCount) - open }, seconds),
      key,
      label: r.label === null ? '' : String(r.label),
    };
  });
  const everything = concat(all);
  const sum = (f: (g: StatsGroup) => number) => groups.reduce((n, g) => n + f(g), 0);
  const totals = figuresOf(
    {
      obligations: sum((g) => g.obligations),
      met: sum((g) => g.met),
      breached: sum((g) => g.breached),
      open: sum((g) => g.open),
      noResponseNeeded: sum((g) => g.noResponseNeeded),
      resolved: sum((g) => g.resolved),
    },
    everything,
  );
  const period = input.groupBy;
  if (isPeriod(period)) {
    // Every period of the range, empty ones included, so that charts have no holes.
    const byKey = new Map(groups.map((g) => [g.key, g]));
    const empty = emptyFigures();
    groups = periodsBetween(period, from, to).map((k) => ({ ...(byKey.get(k) ?? empty), key: k, label: periodLabel(period, k) }));
  } else {
    groups.sort((a, b) => b.obligations - a.obligations || String(a.label).localeCompare(String(b.label)));
  }
  return { from, to, timeZone: input.timeZone, groupBy: input.groupBy, totals, groups, firstDate: range.first, lastDate: range.last };
}

/** Zones known to be kept, per database: once kept, a zone stays kept. */
const keptZones = new WeakMap<object, Set<string>>();

/** The figures are kept for a zone from its first use on (built then, under lock). */
async function keepZone(deps: Deps, timeZone: string): Promise<void> {
  const known = keptZones.get(deps.db) ?? new Set<string>();
  keptZones.set(deps.db, known);
  if (known.has(timeZone)) return;
  if (!(await zoneIsKept(deps.db, timeZone))) await deps.db.transaction((tx) => buildZone(tx, timeZone, deps.clock.now()));
  known.add(timeZone);
}

function figuresOf(
  c: { obligations: number; met: number; breached: number; open: number; noResponseNeeded: number; resolved: number },
  seconds: Float64Array,
): StatsFigures {
  const [median, p90] = percentiles(seconds, [0.5, 0.9]);
  return toFigures({
    obligations: Number(c.obligations),
    met: Number(c.met),
    breached: Number(c.breached),
    open: Number(c.open),
    no_response_needed: Number(c.noResponseNeeded),
    resolved: Number(c.resolved),
    median,
    p90,
  });
}

/** float8 values, big-endian (as float8send writes them), in no order. */
function decodeSeconds(bytes: Uint8Array | null): Float64Array {
  if (!bytes || bytes.byteLength < 8) return new Float64Array(0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(Math.floor(bytes.byteLength / 8));
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, false);
  return out;
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const RESPONSIVENESS_WINDOW_DAYS = 7;

/**
 * Public, on the category page: compliance and median first-response time
 * over the last 7 days (a rolling 7 × 24 h window ending now).
 */
export async function findCategoryResponsiveness(deps: Deps, slug: string): Promise<ResponsivenessResponse> {
  const category = await getCategoryRowBySlug(deps.db, slug);
  const now = deps.clock.now();
  const since = new Date(now.getTime() - RESPONSIVENESS_WINDOW_DAYS * 24 * 3600 * 1000);
  const [row] = await findSlaFigures(
    deps.db,
    { start: since, end: new Date(now.getTime() + 1), now, timeZone: 'UTC', categoryId: category.id },
    'none',
  );
  const f = row ?? emptyFigures();
  return {
    categoryId: category.id,
    slug: category.slug,
    targetSeconds: category.slaTargetSeconds,
    windowDays: RESPONSIVENESS_WINDOW_DAYS,
    since: since.toISOString(),
    obligations: f.obligations,
    met: f.met,
    breached: f.breached,
    compliance: f.compliance,
    medianSeconds: f.medianSeconds,
  };
}
