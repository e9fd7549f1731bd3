import { and, eq, gt, lt, lte, notInArray, or, sql } from 'drizzle-orm';
import { STAFF_ROLES } from '@kakera/contracts';
import { pointsMonthly, users, type DbOrTx } from '@kakera/db';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import type { Deps } from '../shared/deps.ts';
import { toUserRef } from '../users/user-view.ts';

/**
 * The leaderboard (public): fans by points this calendar month (UTC) or all
 * time, most first, keyset-paged. Staff are not ranked: they are paid to
 * help. Ties share a rank; the board is read in index order (`desc nulls
 * last`, as the indexes are built: a plain `desc` puts nulls first, which no
 * index matches, and PostgreSQL then sorts the whole board).
 */
type LeaderboardQuery = { period: 'month' | 'all'; cursor?: string | undefined; limit: number };

export async function findLeaderboard(deps: Deps, query: LeaderboardQuery) {
  const month = deps.clock.now().toISOString().slice(0, 7);
  // The cursor: the last entry's points and id, its position on the board and the rank shown for it.
  const after = query.cursor
    ? (decodeCursor(query.cursor, ['number', 'number', 'number', 'number']) as [number, number, number, number])
    : null;
  const rows = await boardQuery(deps.db, query, month, after);
  const page = rows.slice(0, query.limit);
  // Ranks are positions with ties sharing one: 1, 2, 2, 4 …
  let position = after ? after[2] : 0;
  let rank = after ? after[3] : 0;
  let previous: number | null = after ? after[0] : null;
  const entries = page.map((r) => {
    position++;
    if (r.points !== previous) rank = position;
    previous = r.points;
    return { rank, user: toUserRef(r.user), points: r.points };
  });
  const last = page[page.length - 1];
  return {
    period: query.period,
    month: query.period === 'month' ? month : null,
    entries,
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.points, last.user.id, position, rank]) : null,
  };
}

/** PostgreSQL's plan for a page (EXPLAIN, JSON), for the query-plan test and docs/performance.md. */
export async function explainLeaderboard(deps: Deps, query: LeaderboardQuery): Promise<unknown> {
  const month = deps.clock.now().toISOString().slice(0, 7);
  const after = query.cursor
    ? (decodeCursor(query.cursor, ['number', 'number', 'number', 'number']) as [number, number, number, number])
    : null;
  const result = await deps.db.execute(sql`explain (format json) ${boardQuery(deps.db, query, month, after).getSQL()}`);
  const rows = (result as { rows?: Record<string, unknown>[] }).rows ?? (result as unknown as Record<string, unknown>[]);
  const plan = rows[0]!['QUERY PLAN'];
  return typeof plan === 'string' ? JSON.parse(plan) : plan;
}

/**
 * One page of a board (not run). After the cursor, `points <= p` bounds the
 * index range (points desc, id asc), so a deep page starts there.
 */
function boardQuery(db: DbOrTx, query: LeaderboardQuery, month: string, after: [number, number, number, number] | null) {
  const fans = notInArray(users.role, [...STAFF_ROLES]);
  return query.period === 'all'
    ? db
        .select({ user: { id: users.id, name: users.name, role: users.role, points: users.points }, points: users.points })
        .from(users)
        .where(
          and(
            fans,
            gt(users.points, 0),
            after ? and(lte(users.points, after[0]), or(lt(users.points, after[0]), gt(users.id, after[1]))) : undefined,
          ),
        )
        .orderBy(sql`${users.points} desc nulls last`, users.id)
        .limit(query.limit + 1)
    : db
        .select({ user: { id: users.id, name: users.name, role: users.role, points: users.points }, points: pointsMonthly.points })
        .from(pointsMonthly)
        .innerJoin(users, eq(users.id, pointsMonthly.userId))
        .where(
          and(
            eq(pointsMonthly.month, month),
            fans,
            gt(pointsMonthly.points, 0),
            after
              ? and(lte(pointsMonthly.points, after[0]), or(lt(pointsMonthly.points, after[0]), gt(pointsMonthly.userId, after[1])))
              : undefined,
          ),
        )
        .orderBy(sql`${pointsMonthly.points} desc nulls last`, pointsMonthly.userId)
        .limit(query.limit + 1);
}
