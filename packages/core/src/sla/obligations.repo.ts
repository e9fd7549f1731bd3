import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { obligations, rowsOf, type DbOrTx } from '@kakera/db';

// Queries on `obligations`, the response rule's table: the only writes to it are here.

export type ObligationRow = typeof obligations.$inferSelect;

/** The obligation row, locked for the rest of the transaction. */
export async function lockObligationRow(tx: DbOrTx, id: number): Promise<ObligationRow | undefined> {
  const [row] = await tx.select().from(obligations).where(eq(obligations.id, id)).for('update').limit(1);
  return row;
}

/** The thread's open obligation (at most one), locked. */
export async function lockOpenObligationOfThread(tx: DbOrTx, threadId: number): Promise<ObligationRow | undefined> {
  const [row] = await tx
    .select()
    .from(obligations)
    .where(and(eq(obligations.threadId, threadId), eq(obligations.status, 'open')))
    .for('update')
    .limit(1);
  return row;
}

/** The thread's obligation a reader sees: the open one, else the latest. */
export async function findCurrentObligationOfThread(db: DbOrTx, threadId: number): Promise<ObligationRow | undefined> {
  const [row] = await db
    .select()
    .from(obligations)
    .where(eq(obligations.threadId, threadId))
    .orderBy(sql`${obligations.status} = 'open' desc`, desc(obligations.openedAt))
    .limit(1);
  return row;
}

/**
 * Opens an obligation unless the thread already has an open one: the partial
 * unique index allows one per thread, and a concurrent fan post that lost the
 * race simply joins the open one. Answers the new id, or undefined.
 */
export async function insertOpenObligation(
  tx: DbOrTx,
  o: { threadId: number; categoryId: number; openedPostId: number; targetSeconds: number; openedAt: Date; warnAt: Date; dueAt: Date },
): Promise<number | undefined> {
  const inserted = await tx.execute(sql`
    insert into ${obligations} (thread_id, category_id, opened_post_id, target_seconds, opened_at, warn_at, due_at)
    values (${o.threadId}, ${o.categoryId}, ${o.openedPostId}, ${o.targetSeconds}, ${o.openedAt}, ${o.warnAt}, ${o.dueAt})
    on conflict do nothing
    returning id`);
  return rowsOf<{ id: number }>(inserted)[0]?.id;
}

export async function updateObligation(tx: DbOrTx, id: number, set: PgUpdateSetSource<typeof obligations>): Promise<void> {
  await tx.update(obligations).set(set).where(eq(obligations.id, id));
}

/** Closes every open obligation that `where` picks (a thread's, or the one a post opened); answers them. */
export async function closeOpenObligations(
  tx: DbOrTx,
  where: { threadId: number } | { openedPostId: number },
  set: { status: 'cancelled' | 'no_response_needed'; closedAt: Date; closedBy: number | null; closedReason: string },
): Promise<Pick<ObligationRow, 'id' | 'threadId' | 'categoryId'>[]> {
  const pick = 'threadId' in where ? eq(obligations.threadId, where.threadId) : eq(obligations.openedPostId, where.openedPostId);
  return tx
    .update(obligations)
    .set(set)
    .where(and(pick, eq(obligations.status, 'open')))
    .returning({ id: obligations.id, threadId: obligations.threadId, categoryId: obligations.categoryId });
}

/**
 * Open obligations of these threads whose warning or due instant has
 * passed, stamped as announced at that instant (`warned_at` = `warn_at`,
 * `breached_at` = `due_at`) without any event, so that the sweeper never
 * announces them: imported history.
 */
export async function stampPastAnnouncements(tx: DbOrTx, threadIds: number[], now: Date): Promise<number> {
  if (!threadIds.length) return 0;
  const rows = await tx
    .update(obligations)
    .set({
      warnedAt: sql`case when ${obligations.warnedAt} is null and ${obligations.dueAt} > ${now} then ${obligations.warnAt} else ${obligations.warnedAt} end`,
      breachedAt: sql`case when ${obligations.dueAt} <= ${now} then ${obligations.dueAt} else null end`,
    })
    .where(
      and(
        inArray(obligations.threadId, threadIds),
        eq(obligations.status, 'open'),
        sql`${obligations.breachedAt} is null`,
        sql`${obligations.warnAt} <= ${now}`,
        sql`(${obligations.warnedAt} is null or ${obligations.dueAt} <= ${now})`,
      ),
    )
    .returning({ id: obligations.id });
  return rows.length;
}
