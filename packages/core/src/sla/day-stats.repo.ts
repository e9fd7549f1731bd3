import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@kakera/db';
import { categoryNameSql } from '../categories/category-reads.ts';
import { teamNameSql, userNameSql } from '../users/user-reads.ts';
import { obligationColumns, openNotDueSql } from './obligation-state-sql.ts';
import type { StatsPeriod } from './stats-periods.ts';

// Queries on `obligation_day_stats` (the statistics per local day, kept by
// triggers: see packages/db/src/schema.ts) and `obligation_stats_zones`.

export type DayStatsGroup = StatsPeriod | 'staff' | 'team' | 'category';

/** Whether the figures are kept for local days of `timeZone`. */
export async function zoneIsKept(db: DbOrTx, timeZone: string): Promise<boolean> {
  const rows = rowsOf(await db.execute(sql`select 1 from obligation_stats_zones where time_zone = ${timeZone}`));
  return rows.length > 0;
}

/**
 * Starts keeping the figures for `timeZone`: every obligation's share, added
 * while writers wait (they take the zone into account from then on, in the
 * triggers), so that none is counted twice or missed.
 */
export async function buildZone(tx: DbOrTx, timeZone: string, now: Date): Promise<void> {
  await tx.execute(sql`lock table obligations, threads in share row exclusive mode`);
  const added = rowsOf(
    await tx.execute(
      sql`insert into obligation_stats_zones (time_zone, built_at) values (${timeZone}, ${now}) on conflict do nothing returning time_zone`,
    ),
  );
  if (!added.length) return;
  await tx.execute(sql`select obligation_day_stats_add(o, 1, ${timeZone})::text from obligations o where o.status <> 'cancelled'`);
}

export interface DayStatsRow {
  key: string | number | null;
  label: string | null;
  obligations: number;
  met: number;
  breachedAnswered: number;
  openCount: number;
  noResponseNeeded: number;
  resolved: number;
  /** First-response times, float8 big-endian, in no order. */
  seconds: Uint8Array | null;
}

export interface DayStatsScope {
  timeZone: string;
  from: string;
  to: string;
  categoryId?: number | undefined;
  staffId?: number | undefined;
}

/**
 * The team grouping's key: null while nobody has answered (the same group as
 * the staff grouping's null), '' for a responder without a team, else the
 * responder's team name (team names are never empty).
 */
export const teamKeySql = (responderId: SQL, teamId: SQL): SQL =>
  sql`case when ${responderId} is null then null else coalesce(${teamNameSql(teamId)}, '') end`;

const AGG_KEY: Record<DayStatsGroup, { key: SQL; label: (key: SQL) => SQL }> = {
  day: { key: sql`to_char(a.day, 'YYYY-MM-DD')`, label: (k) => k },
  week: { key: sql`to_char(date_trunc('week', a.day)::date, 'YYYY-MM-DD')`, label: (k) => k },
  month: { key: sql`to_char(a.day, 'YYYY-MM')`, label: (k) => k },
  year: { key: sql`to_char(a.day, 'YYYY')`, label: (k) => k },
  staff: { key: sql`nullif(a.responder_id, 0)`, label: (k) => userNameSql(k) },
  team: { key: teamKeySql(sql`nullif(a.responder_id, 0)`, sql`nullif(a.responder_team_id, 0)`), label: (k) => k },
  category: { key: sql`a.category_id`, label: (k) => categoryNameSql(k) },
};

/** The kept figures of a period, per group. */
export async function findDayStats(db: DbOrTx, scope: DayStatsScope, group: DayStatsGroup): Promise<DayStatsRow[]> {
  const { key, label } = AGG_KEY[group];
  const filters: SQL[] = [sql`a.time_zone = ${scope.timeZone}`, sql`a.day >= ${scope.from}::date`, sql`a.day <= ${scope.to}::date`];
  if (scope.categoryId) filters.push(sql`a.category_id = ${scope.categoryId}`);
  if (scope.staffId) filters.push(sql`a.responder_id = ${scope.staffId}`);
  const result = await db.execute(sql`
    select g.*, ${label(sql`g.key`)} as label from (
      select ${key} as key,
        sum(a.obligations)::int as obligations, sum(a.met)::int as met, sum(a.breached_answered)::int as "breachedAnswered",
        sum(a.open_count)::int as "openCount", sum(a.no_response_needed)::int as "noResponseNeeded", sum(a.resolved)::int as resolved,
        string_agg(a.response_seconds, ''::bytea) as seconds
      from obligation_day_stats a
      where ${sql.join(filters, sql` and `)}
      group by 1
    ) g
    where g.obligations <> 0`);
  return rowsOf<DayStatsRow>(result);
}

const o = obligationColumns('o');

const OPEN_KEY: Record<DayStatsGroup, (tz: string) => SQL> = {
  day: (tz) => sql`to_char(o.opened_at at time zone ${tz}, 'YYYY-MM-DD')`,
  week: (tz) => sql`to_char(date_trunc('week', (o.opened_at at time zone ${tz})::date)::date, 'YYYY-MM-DD')`,
  month: (tz) => sql`to_char(o.opened_at at time zone ${tz}, 'YYYY-MM')`,
  year: (tz) => sql`to_char(o.opened_at at time zone ${tz}, 'YYYY')`,
  staff: () => sql`o.responder_id`,
  team: () => teamKeySql(sql`o.responder_id`, sql`o.responder_team_id`),
  category: () => sql`o.category_id`,
};

/**
 * Open obligations not yet due at `now`, per group: the kept `open_count`
 * less these is what is breached now. Few rows (the partial index on open
 * obligations by due time).
 */
export async function findOpenNotDue(
  db: DbOrTx,
  scope: DayStatsScope & { start: Date; end: Date; now: Date },
  group: DayStatsGroup,
): Promise<{ key: string | number | null; n: number }[]> {
  const filters: SQL[] = [openNotDueSql(scope.now, o), sql`o.opened_at >= ${scope.start}`, sql`o.opened_at < ${scope.end}`];
  if (scope.categoryId) filters.push(sql`o.category_id = ${scope.categoryId}`);
  if (scope.staffId) filters.push(sql`o.responder_id = ${scope.staffId}`);
  const result = await db.execute(sql`
    select ${OPEN_KEY[group](scope.timeZone)} as key, count(*)::int as n
    from obligations o
    where ${sql.join(filters, sql` and `)}
    group by 1`);
  return rowsOf<{ key: string | number | null; n: number }>(result);
}

/** The local dates of the first and last days with obligations (in a category). */
export async function findKeptDateRange(
  db: DbOrTx,
  timeZone: string,
  categoryId?: number,
): Promise<{ first: string | null; last: string | null }> {
  const result = await db.execute(sql`
    select to_char(min(a.day), 'YYYY-MM-DD') as first, to_char(max(a.day), 'YYYY-MM-DD') as last
    from obligation_day_stats a
    where a.time_zone = ${timeZone} and a.obligations <> 0 ${categoryId ? sql`and a.category_id = ${categoryId}` : sql``}`);
  const [row] = rowsOf<{ first: string | null; last: string | null }>(result);
  return { first: row?.first ?? null, last: row?.last ?? null };
}
