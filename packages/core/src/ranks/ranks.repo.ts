import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { pointsLedger, pointsMonthly, userBadges, users, type DbOrTx } from '@kakera/db';

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

/** Points for `reasons` since `since` (the daily cap). */
export async function sumSince(db: DbOrTx, userId: number, reasons: string[], since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${pointsLedger.points}), 0)::int` })
    .from(pointsLedger)
    .where(and(eq(pointsLedger.userId, userId), inArray(pointsLedger.reason, reasons), gte(pointsLedger.createdAt, since)));
  return Number(row?.n ?? 0);
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
