import type { ThreadObligation } from '@kakera/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { obligations, type DbOrTx } from '@kakera/db';
import { liveState } from './obligation-rules.ts';
import { findCurrentObligationOfThread } from './obligations.repo.ts';

/** The obligation a thread's readers see (the open one, else the latest), in its state at `now`; null when there has been none. */
export async function findThreadObligation(db: DbOrTx, threadId: number, now: Date): Promise<ThreadObligation | null> {
  const o = await findCurrentObligationOfThread(db, threadId);
  if (!o) return null;
  return {
    id: o.id,
    state: liveState(o, now),
    openedAt: o.openedAt.toISOString(),
    warnAt: o.warnAt.toISOString(),
    dueAt: o.dueAt.toISOString(),
    respondedAt: o.respondedAt?.toISOString() ?? null,
    targetSeconds: o.targetSeconds,
  };
}

/**
 * The same obligation as one JSON object, for a query that reads a thread's
 * page in one statement (forum's thread view); `toThreadObligation` turns it
 * into what readers see.
 */
export const threadObligationJsonSql = (threadId: SQL | AnyPgColumn): SQL<ThreadObligationRow | null> =>
  sql<ThreadObligationRow | null>`(select json_build_object('id', ob.id, 'status', ob.status, 'openedAt', ob.opened_at,
    'warnAt', ob.warn_at, 'dueAt', ob.due_at, 'respondedAt', ob.responded_at, 'targetSeconds', ob.target_seconds)
    from ${obligations} ob where ob.thread_id = ${threadId} order by ob.status = 'open' desc, ob.opened_at desc limit 1)`;
export type ThreadObligationRow = {
  id: number;
  status: 'open' | 'met' | 'no_response_needed' | 'cancelled';
  openedAt: string;
  warnAt: string;
  dueAt: string;
  respondedAt: string | null;
  targetSeconds: number;
};

export function toThreadObligation(row: ThreadObligationRow | null, now: Date): ThreadObligation | null {
  if (!row) return null;
  const dates = { openedAt: new Date(row.openedAt), warnAt: new Date(row.warnAt), dueAt: new Date(row.dueAt) };
  const respondedAt = row.respondedAt === null ? null : new Date(row.respondedAt);
  return {
    id: row.id,
    state: liveState({ status: row.status, ...dates, respondedAt }, now),
    openedAt: dates.openedAt.toISOString(),
    warnAt: dates.warnAt.toISOString(),
    dueAt: dates.dueAt.toISOString(),
    respondedAt: respondedAt?.toISOString() ?? null,
    targetSeconds: row.targetSeconds,
  };
}
