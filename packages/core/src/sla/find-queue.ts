import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { QueueQuery, QueueResponse } from '@kakera/contracts';
import { obligations } from '@kakera/db';
import { requireStaff, type Actor } from '../shared/actor.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import type { Deps } from '../shared/deps.ts';
import { rowsOf } from './obligations.repo.ts';
import { selectObligationViews, toQueueObligation } from './obligation-view.ts';

/**
 * The staff response queue: open obligations by due time, earliest first —
 * which puts the breached ones (due in the past) on top. Keyset-paged on
 * (due_at, id) over the partial index of open obligations.
 */
export async function findQueue(deps: Deps, actor: Actor, query: QueueQuery): Promise<QueueResponse> {
  requireStaff(actor);
  const now = deps.clock.now();
  const scope: SQL[] = [eq(obligations.status, 'open')];
  if (query.categoryId) scope.push(eq(obligations.categoryId, query.categoryId));
  const page = [...scope];
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, ['string', 'number']);
    const time = new Date(at as string);
    page.push(sql`(${obligations.dueAt}, ${obligations.id}) > (${time}, ${id})`);
  }
  const [rows, countRows] = await Promise.all([
    selectObligationViews(deps.db)
      .where(and(...page))
      .orderBy(asc(obligations.dueAt), asc(obligations.id))
      .limit(query.limit + 1),
    deps.db.execute(sql`
      select count(*) filter (where ${obligations.dueAt} <= ${now})::int as breached,
             count(*) filter (where ${obligations.dueAt} > ${now} and ${obligations.warnAt} <= ${now})::int as warned,
             count(*) filter (where ${obligations.warnAt} > ${now})::int as open
      from ${obligations} where ${and(...scope)}`),
  ]);
  const counts = rowsOf<{ open: number; warned: number; breached: number }>(countRows)[0] ?? { open: 0, warned: 0, breached: 0 };
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows[pageRows.length - 1]?.o;
  return {
    obligations: pageRows.map((r) => toQueueObligation(r, now)),
    counts: { open: Number(counts.open), warned: Number(counts.warned), breached: Number(counts.breached) },
    now: now.toISOString(),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.dueAt.toISOString(), last.id]) : null,
  };
}
