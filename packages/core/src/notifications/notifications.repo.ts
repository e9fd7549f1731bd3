import { and, desc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { notificationSettings, notifications, rowsOf, type DbOrTx } from '@kakera/db';

// Queries on `notifications`, this module's table.

export type NotificationRow = typeof notifications.$inferSelect;

/** Inserts one per user; an existing (user, dedupe key) is skipped. Answers the rows made. */
export async function insertNotifications(tx: DbOrTx, rows: (typeof notifications.$inferInsert)[]): Promise<NotificationRow[]> {
  if (!rows.length) return [];
  return tx.insert(notifications).values(rows).onConflictDoNothing().returning();
}

/**
 * One notification to one person, in one statement: skipped when they muted
 * its kind or already have one with its dedupe key. Answers its id and their
 * unread count with it, or null when it was not made.
 */
export async function insertOneNotification(
  tx: DbOrTx,
  row: { userId: number; kind: string; data: unknown; url: string | null; dedupeKey: string; createdAt: Date },
): Promise<{ id: number; unreadCount: number } | null> {
  const [made] = rowsOf<{ id: number | string; unread: number | string }>(
    await tx.execute(sql`
      with ins as (
        insert into ${notifications} (user_id, kind, data, url, dedupe_key, created_at)
        select ${row.userId}::integer, ${row.kind}, ${JSON.stringify(row.data)}::jsonb, ${row.url}, ${row.dedupeKey}, ${row.createdAt}::timestamptz
        where not exists (
          select 1 from ${notificationSettings} s where s.user_id = ${row.userId} and ${row.kind} = any(s.muted_kinds)
        )
        on conflict do nothing
        returning id
      )
      select id, (select count(*) from ${notifications} n where n.user_id = ${row.userId} and n.read_at is null) + 1 as unread from ins`),
  );
  return made ? { id: Number(made.id), unreadCount: Number(made.unread) } : null;
}

export async function findNotificationRows(db: DbOrTx, userId: number, beforeId: number | null, limit: number): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), beforeId === null ? undefined : lt(notifications.id, beforeId)))
    .orderBy(desc(notifications.id))
    .limit(limit);
}

export async function countUnread(db: DbOrTx, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** The unread count of each of `userIds` (those with none are left out). */
export async function countUnreadOf(db: DbOrTx, userIds: number[]): Promise<Map<number, number>> {
  if (!userIds.length) return new Map();
  const rows = await db
    .select({ userId: notifications.userId, n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(inArray(notifications.userId, userIds), isNull(notifications.readAt)))
    .groupBy(notifications.userId);
  return new Map(rows.map((r) => [r.userId, Number(r.n)]));
}

/** Events as rows (`type`, `topic`, `user_id`, `data`) for `events.recordFrom`: one statement however many. */
export function eventRowsSql(rows: { type: string; topic: string; userId: number; data: unknown }[]): SQL {
  return sql`select e->>'type' as type, e->>'topic' as topic, (e->>'userId')::integer as user_id, e->'data' as data
    from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) e`;
}

export async function markRead(db: DbOrTx, userId: number, ids: number[] | 'all', at: Date): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids === 'all' ? undefined : inArray(notifications.id, ids)));
}
