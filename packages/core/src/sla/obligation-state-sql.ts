import { sql, type SQL } from 'drizzle-orm';
import { obligations } from '@kakera/db';

/**
 * The obligation states of obligation-rules.ts (`liveState`,
 * `classifyObligation`) as SQL conditions: the one place the statistics, the
 * queue's counts, the read model's page and the sweeper take them from.
 * The boundaries are the rules': due at `due_at` (an obligation still open at
 * that instant is breached; an answer at that instant is on time), warned
 * from `warn_at`.
 */

/** The columns a condition reads: drizzle's (default), or those of a table alias in raw SQL. */
export interface ObligationColumns {
  status: SQL;
  warnAt: SQL;
  dueAt: SQL;
  respondedAt: SQL;
  breachedAt: SQL;
  warnedAt: SQL;
}

export function obligationColumns(alias?: string): ObligationColumns {
  if (!alias) {
    return {
      status: sql`${obligations.status}`,
      warnAt: sql`${obligations.warnAt}`,
      dueAt: sql`${obligations.dueAt}`,
      respondedAt: sql`${obligations.respondedAt}`,
      breachedAt: sql`${obligations.breachedAt}`,
      warnedAt: sql`${obligations.warnedAt}`,
    };
  }
  const col = (name: string) => sql.raw(`${alias}.${name}`);
  return {
    status: col('status'),
    warnAt: col('warn_at'),
    dueAt: col('due_at'),
    respondedAt: col('responded_at'),
    breachedAt: col('breached_at'),
    warnedAt: col('warned_at'),
  };
}

const c0 = obligationColumns();

/** Its due instant has come (`now >= due_at`). */
export const reachedDueSql = (now: Date, c = c0) => sql`${c.dueAt} <= ${now}`;
/** Its warning instant has come (`now >= warn_at`). */
export const reachedWarnSql = (now: Date, c = c0) => sql`${c.warnAt} <= ${now}`;
export const isOpenSql = (c = c0) => sql`${c.status} = 'open'`;

// The buckets of classifyObligation; each obligation is in exactly one.
/** Answered by a public staff post within the target. */
export const metSql = (c = c0) => sql`(${c.status} = 'met' and ${c.respondedAt} <= ${c.dueAt})`;
/** Answered late, or still open at or past due. */
export const breachedSql = (now: Date, c = c0) =>
  sql`((${c.status} = 'met' and ${c.respondedAt} > ${c.dueAt}) or (${isOpenSql(c)} and ${reachedDueSql(now, c)}))`;
/** Still open and not yet due. */
export const openNotDueSql = (now: Date, c = c0) => sql`(${isOpenSql(c)} and not ${reachedDueSql(now, c)})`;
export const noResponseNeededSql = (c = c0) => sql`(${c.status} = 'no_response_needed')`;
export const cancelledSql = (c = c0) => sql`(${c.status} = 'cancelled')`;
/** Answered by staff (met, on time or late): the first-response times are over these. */
export const answeredSql = (c = c0) => sql`(${c.status} = 'met')`;

// The live states of open obligations (liveState), for the queue's counts.
export const liveBreachedSql = (now: Date, c = c0) => reachedDueSql(now, c);
export const liveWarnedSql = (now: Date, c = c0) => sql`(${reachedWarnSql(now, c)} and not ${reachedDueSql(now, c)})`;
export const liveOpenSql = (now: Date, c = c0) => sql`not ${reachedWarnSql(now, c)}`;

// What the sweeper claims: each transition once (the *_at stamp is the claim).
/** Open, due, and its breach not yet announced. */
export const breachToAnnounceSql = (now: Date, c = c0) => sql`${isOpenSql(c)} and ${c.breachedAt} is null and ${reachedDueSql(now, c)}`;
/** Open, past its warning instant but not yet due, and neither announced (a breach skips its warning). */
export const warningToAnnounceSql = (now: Date, c = c0) =>
  sql`${isOpenSql(c)} and ${c.warnedAt} is null and ${c.breachedAt} is null and ${liveWarnedSql(now, c)}`;
