import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { pointsLedger, pointsMonthly, rowsOf, userBadges, users, type DbOrTx } from '@kakera/db';

// Queries on the ranks module's tables: the points ledger, monthly points,
// badges, and the users.points running total it keeps.

/** Inserts a ledger row unless that (person, reason, source) has one; answers the points it added (0 when it had one). */
export async function insertLedgerRow(
  tx: DbOrTx,
  row: { userId: number; reason: string; source: string; points: number; at: Date },
): Promise<boolean> {
  const made = await tx
    .insert(pointsLedger)
    .values({ userId: row.userId, reason: row.reason, source: row.source, points: row.points, createdAt: row.at })
    .onConflictDoNothing()
    .returning({ id: pointsLedger.id });
  return made.length > 0;
}

export async function findLedgerRow(db: DbOrTx, userId: number, reason: string, source: string) {
  const [row] = await db
    .select()
    .from(pointsLedger)
    .where(and(eq(pointsLedger.userId, userId), eq(pointsLedger.reason, reason), eq(pointsLedger.source, source)))
    .limit(1);
  return row;
}

/**
 * An award in one statement (one round trip inside the caller's
 * transaction): the ledger row, once per (person, reason, source), its points
 * capped so that `cap.reasons` since `cap.since` stay within `cap.max`, and
 * the running and monthly totals when it adds any. Answers the points added
 * (null when that source was already counted) and the total after.
 */
export async function insertAward(
  tx: DbOrTx,
  award: { userId: number; reason: string; source: string; points: number; at: Date; month: string },
  cap: { reasons: string[]; since: Date; max: number } | null,
): Promise<{ points: number; after: number } | null> {
  const points = cap
    ? sql`(select greatest(0, least(${award.points}::int, ${cap.max}::int - coalesce(sum(l.points), 0)::int))::int from ${pointsLedger} l
        where l.user_id = ${award.userId} and l.reason = any(${`{${cap.reasons.join(',')}}`}::text[]) and l.created_at >= ${cap.since}::timestamptz)`
    : sql`${award.points}::int`;
  const rows = rowsOf<{ points: number | null; after: number | null }>(
    await tx.execute(sql`
      with ins as (
        insert into ${pointsLedger} (user_id, reason, source, points, created_at)
        values (${award.userId}, ${award.reason}, ${award.source}, ${points}, ${award.at}::timestamptz)
        on conflict do nothing
        returning points
      ), total as (
        update ${users} set points = ${users}.points + ins.points from ins
        where ${users}.id = ${award.userId} and ins.points <> 0
        returning ${users}.points as after
      ), monthly as (
        insert into ${pointsMonthly} (user_id, month, points)
        select ${award.userId}, ${award.month}, ins.points from ins where ins.points <> 0
        on conflict (user_id, month) do update set points = ${pointsMonthly}.points + excluded.points
      )
      select (select points from ins) as points, (select after from total) as after`),
  );
  const row = rows[0];
  if (!row || row.points === null) return null;
  return { points: Number(row.points), after: Number(row.after ?? 0) };
}

/** Adds to the running total and the month's; answers the total before and after. */
export async function addToTotals(tx: DbOrTx, userId: number, points: number, month: string): Promise<{ before: number; after: number }> {
  const [row] = await tx
    .update(users)
    .set({ points: sql`${users.points} + ${points}` })
    .where(eq(users.id, userId))
    .returning({ after: users.points });
  await tx
    .insert(pointsMonthly)
    .values({ userId, month, points })
    .onConflictDoUpdate({ target: [pointsMonthly.userId, pointsMonthly.month], set: { points: sql`${pointsMonthly.points} + ${points}` } });
  const after = row?.after ?? 0;
  return { before: after - points, after };
}

export async function findLedgerPage(db: DbOrTx, userId: number, beforeId: number | null, limit: number) {
  return db
    .select()
    .from(pointsLedger)
    .where(and(eq(pointsLedger.userId, userId), beforeId === null ? undefined : lt(pointsLedger.id, beforeId)))
    .orderBy(desc(pointsLedger.id))
    .limit(limit);
}

export async function insertBadge(
  tx: DbOrTx,
  row: { userId: number; badge: string; source: string; reason: string | null; at: Date },
): Promise<boolean> {
  const made = await tx
    .insert(userBadges)
    .values({ userId: row.userId, badge: row.badge, source: row.source, reason: row.reason, awardedAt: row.at })
    .onConflictDoNothing()
    .returning({ userId: userBadges.userId });
  return made.length > 0;
}

export async function findBadgeRows(db: DbOrTx, userId: number) {
  return db.select().from(userBadges).where(eq(userBadges.userId, userId)).orderBy(userBadges.awardedAt);
}
