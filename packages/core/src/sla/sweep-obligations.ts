import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@kakera/db';
import type { Deps } from '../shared/deps.ts';
import { breachToAnnounceSql, obligationColumns, warningToAnnounceSql } from './obligation-state-sql.ts';

export interface SweepResult {
  warned: number;
  breached: number;
}

export interface SweepOptions {
  /** Rows claimed per transaction. */
  batchSize?: number;
  /** Batches per kind and per sweep, so that one sweep stays bounded after a long outage. */
  maxBatches?: number;
}

type SweepDeps = Pick<Deps, 'db' | 'clock' | 'events'>;

/**
 * One pass of the SLA sweeper: publishes `obligation.breached` for open
 * obligations whose due time has come, then `obligation.warned` for those
 * past two thirds of their target, each exactly once.
 *
 * Exactly once, across instances and restarts: the timer state is the row.
 * Each batch is one statement that claims rows and records their events —
 * `UPDATE obligations SET breached_at = now WHERE id = ANY(ARRAY(SELECT …
 * FOR UPDATE SKIP LOCKED)) AND breached_at IS NULL RETURNING …`, fed into
 * the events insert and NOTIFY (events.recordFrom) — so the events are
 * delivered only if the claim commits. Two instances never claim the same
 * row (the row lock, then the re-checked `IS NULL`), a crash before commit
 * leaves the row unclaimed for the next sweep, and a breach that fell due
 * while every instance was down is claimed by the first sweep after start.
 * (ANY(ARRAY(…)) makes the planner look the rows up by key instead of
 * hash-joining the whole table.)
 *
 * Breaches go first, and a warning is only claimed while the obligation is
 * not yet due: an obligation first seen past its due time (the server was
 * down, or a sweep interval longer than the last third of the target) gets
 * its breach and no late warning — a warning after the breach is only noise.
 */
export async function sweepObligations(deps: SweepDeps, opts: SweepOptions = {}): Promise<SweepResult> {
  const batchSize = opts.batchSize ?? 2000;
  const maxBatches = opts.maxBatches ?? 25;
  const now = deps.clock.now();
  const result: SweepResult = { warned: 0, breached: 0 };
  // Each round claims a batch of breaches, then a batch of warnings, in one
  // transaction: one commit per round, and the round's events are delivered
  // (read back and handed to listeners in this process) after it, not while
  // its second claim waits on the same event loop. More rounds only after a
  // backlog (a full batch of either).
  let breaches = true;
  let warnings = true;
  for (let i = 0; i < maxBatches && (breaches || warnings); i++) {
    const [breached, warned] = await deps.db.transaction(async (tx) => [
      breaches ? await claim(deps, tx, breachSql(now, batchSize)) : 0,
      warnings ? await claim(deps, tx, warnSql(now, batchSize)) : 0,
    ]);
    result.breached += breached;
    result.warned += warned;
    breaches = breached === batchSize;
    warnings = warned === batchSize;
  }
  return result;
}

function claim(deps: SweepDeps, tx: DbOrTx, claimSql: SQL): Promise<number> {
  // Staff get each warning and breach on `staff-queue`. Not on the thread's
  // topic: its readers work the state out from warnAt/dueAt with their own
  // clock (the thread page's ObligationNotice), and a second event row per
  // claim was a third of a sweep that claims 1,000.
  return deps.events.recordFrom(tx, claimSql);
}

// The inner select reads the table unaliased; the update names it `o`.
const cols = obligationColumns('obligations');
const o = obligationColumns('o');

/** The event payload, as EventData['obligation.warned' | 'obligation.breached'] types it; dueAt as toISOString() writes it. */
const payload = sql`jsonb_build_object('obligationId', o.id, 'threadId', o.thread_id, 'categoryId', o.category_id,
  'dueAt', to_char(o.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

function breachSql(now: Date, limit: number): SQL {
  return sql`
    update obligations o set breached_at = ${now}
    where o.id = any(array(
        select id from obligations
        where ${breachToAnnounceSql(now, cols)}
        order by due_at
        limit ${limit}
        for update skip locked))
      and ${breachToAnnounceSql(now, o)}
    returning 'obligation.breached'::text as type, 'staff-queue'::text as topic, ${payload} as data`;
}

function warnSql(now: Date, limit: number): SQL {
  return sql`
    update obligations o set warned_at = ${now}
    where o.id = any(array(
        select id from obligations
        where ${warningToAnnounceSql(now, cols)}
        order by warn_at
        limit ${limit}
        for update skip locked))
      and ${warningToAnnounceSql(now, o)}
    returning 'obligation.warned'::text as type, 'staff-queue'::text as topic, ${payload} as data`;
}
