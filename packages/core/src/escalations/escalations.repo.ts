import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { escalations, type DbOrTx } from '@kakera/db';

// Queries on `escalations`, this module's table.

export type EscalationRow = typeof escalations.$inferSelect;

export async function insertEscalation(tx: DbOrTx, values: typeof escalations.$inferInsert): Promise<EscalationRow> {
  const [row] = await tx.insert(escalations).values(values).returning();
  return row!;
}

export async function lockEscalation(tx: DbOrTx, id: number): Promise<EscalationRow | undefined> {
  const [row] = await tx.select().from(escalations).where(eq(escalations.id, id)).for('update').limit(1);
  return row;
}

export async function acknowledge(tx: DbOrTx, id: number, by: number, at: Date): Promise<void> {
  await tx.update(escalations).set({ acknowledgedAt: at, acknowledgedBy: by }).where(eq(escalations.id, id));
}

export async function findEscalationRows(
  db: DbOrTx,
  toUserId: number,
  state: 'open' | 'acknowledged' | 'all',
  limit = 100,
): Promise<EscalationRow[]> {
  const which =
    state === 'open' ? isNull(escalations.acknowledgedAt) : state === 'acknowledged' ? isNotNull(escalations.acknowledgedAt) : undefined;
  return db
    .select()
    .from(escalations)
    .where(and(eq(escalations.toUserId, toUserId), which))
    .orderBy(desc(escalations.createdAt), desc(escalations.id))
    .limit(limit);
}

export async function countOpenFor(db: DbOrTx, toUserId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(escalations)
    .where(and(eq(escalations.toUserId, toUserId), isNull(escalations.acknowledgedAt)));
  return Number(row?.n ?? 0);
}

/** Every escalation still waiting, oldest first (for the digest). */
export async function findOpenEscalationRows(db: DbOrTx): Promise<EscalationRow[]> {
  return db.select().from(escalations).where(isNull(escalations.acknowledgedAt)).orderBy(escalations.createdAt);
}
