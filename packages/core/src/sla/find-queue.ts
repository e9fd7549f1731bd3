import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { QueueQuery, QueueResponse } from '@kakera/contracts';
import { obligations } from '@kakera/db';
import { requireStaff, type Actor } from '../shared/actor.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import type { Deps } from '../shared/deps.ts';
import { rowsOf } from '@kakera/db';
import { liveBreachedSql, liveOpenSql, liveWarnedSql } from './obligation-state-sql.ts';
import { selectObligationViews, toQueueObligation, type ObligationViewRow } from './obligation-view.ts';
import { countStates, type QueueSnapshot } from './queue-snapshot.ts';

/**
 * The staff response queue: open obligations by due time, earliest first —
 * which puts the breached ones (due in the past) on top. Keyset-paged on
 * (due_at, id) over the partial index of open obligations.
 */
export async function findQueue(deps: Deps, actor: Actor, query: QueueQuery, snapshot?: QueueSnapshot): Promise<QueueResponse> {
  return queueResponse(await findQueuePage(deps, actor, query, snapshot));
}

/** A page of the queue before it is shaped for the API: `rows` may hold one row past `limit`. */
export interface QueuePage {
  /** Up to `limit + 1` rows; the same array for as long as the read model holds (callers may memoise on it). */
  rows: readonly ObligationViewRow[];
  counts: QueueResponse['counts'];
  now: Date;
  limit: number;
}

export async function findQueuePage(deps: Deps, actor: Actor, query: QueueQuery, snapshot?: QueueSnapshot): Promise<QueuePage> {
  requireStaff(actor);
  const now = deps.clock.now();
  // The first page is what every staff member keeps open: served from the read model when there is one.
  if (snapshot && !query.cursor) {
    const [rows, timeline] = await Promise.all([snapshot.firstRows(query.categoryId, query.limit), snapshot.timeline(query.categoryId)]);
    return { rows, counts: countStates(timeline, now), now, limit: query.limit };
  }
  const scope: SQL[] = [eq(obligations.status, 'open')];
  if (query.categoryId) scope.push(eq(obligations.categoryId, query.categoryId));
  const page = [...scope];
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, ['string', 'number']);
    const time = new Date(at as string);
    page.push(sql`(${obligations.dueAt}, ${obligations.id}) > (${time}, ${id})`);
  }
  const rowsQuery = selectObligationViews(deps.db)
    .where(and(...page))
    .orderBy(asc(obligations.dueAt), asc(obligations.id))
    .limit(query.limit + 1);
  // The counts cover the whole queue, not the page: the read model has them for any page.
  const [rows, counts] = await Promise.all([
    rowsQuery,
    snapshot ? snapshot.timeline(query.categoryId).then((t) => countStates(t, now)) : countOpen(deps, scope, now),
  ]);
  return { rows, counts, now, limit: query.limit };
}

async function countOpen(deps: Deps, scope: SQL[], now: Date): Promise<QueueResponse['counts']> {
  const result = await deps.db.execute(sql`
    select count(*) filter (where ${liveBreachedSql(now)})::int as breached,
           count(*) filter (where ${liveWarnedSql(now)})::int as warned,
           count(*) filter (where ${liveOpenSql(now)})::int as open
    from ${obligations} where ${and(...scope)}`);
  const counts = rowsOf<{ open: number; warned: number; breached: number }>(result)[0] ?? { open: 0, warned: 0, breached: 0 };
  return { open: Number(counts.open), warned: Number(counts.warned), breached: Number(counts.breached) };
}

export function queueNextCursor(page: QueuePage): string | null {
  const last = page.rows[Math.min(page.limit, page.rows.length) - 1]?.o;
  return page.rows.length > page.limit && last ? encodeCursor([last.dueAt.toISOString(), last.id]) : null;
}

export function queueResponse(page: QueuePage): QueueResponse {
  return {
    obligations: page.rows.slice(0, page.limit).map((r) => toQueueObligation(r, page.now)),
    counts: page.counts,
    now: page.now.toISOString(),
    nextCursor: queueNextCursor(page),
  };
}
