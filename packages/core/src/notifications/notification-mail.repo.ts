import { sql } from 'drizzle-orm';
import { notificationSettings, notifications, rowsOf, type DbOrTx } from '@kakera/db';
import { hasMailAddressSql } from '../users/user-reads.ts';
import type { NotificationRow } from './notifications.repo.ts';
import { DEFAULT_SETTINGS } from './notification-settings-view.ts';

// The e-mail job's claims on `notifications`: a row is claimed by setting
// `emailed_at` in one statement (so two instances never mail it twice), and
// released (set back to null) if sending fails, to be tried again.

const defaultKinds = sql`array[${sql.join(
  DEFAULT_SETTINGS.emailKinds.map((k) => sql`${k}`),
  sql`, `,
)}]::text[]`;

const toRow = (r: Record<string, unknown>): NotificationRow => ({
  id: Number(r.id),
  userId: Number(r.user_id),
  kind: String(r.kind),
  data: r.data,
  url: (r.url as string | null) ?? null,
  dedupeKey: (r.dedupe_key as string | null) ?? null,
  createdAt: new Date(r.created_at as string),
  readAt: r.read_at ? new Date(r.read_at as string) : null,
  emailedAt: r.emailed_at ? new Date(r.emailed_at as string) : null,
});

/** Claims up to `limit` notifications to mail one by one: created in [since, now], of a kind their person mails, mode `instant`. */
export async function claimInstantNotifications(db: DbOrTx, at: { since: Date; now: Date }, limit: number): Promise<NotificationRow[]> {
  const result = await db.execute(sql`
    update ${notifications} n set emailed_at = ${at.now}
    where n.id in (
      select n2.id from ${notifications} n2
      left join ${notificationSettings} s on s.user_id = n2.user_id
      where n2.emailed_at is null and n2.created_at >= ${at.since} and n2.created_at <= ${at.now}
        and coalesce(s.email_mode, 'instant') = 'instant'
        and n2.kind = any(coalesce(s.email_kinds, ${defaultKinds}))
        and ${hasMailAddressSql(sql`n2.user_id`)}
      order by n2.id
      limit ${limit}
      for update of n2 skip locked
    ) and n.emailed_at is null
    returning n.*`);
  return rowsOf<Record<string, unknown>>(result).map(toRow);
}

/** People in mode `daily` with notifications to summarise: created in [since, before), of a kind they mail, not yet mailed. */
export async function findDailySummaryUserIds(db: DbOrTx, at: { since: Date; before: Date }, limit: number): Promise<number[]> {
  const result = await db.execute(sql`
    select distinct n.user_id from ${notifications} n
    join ${notificationSettings} s on s.user_id = n.user_id
    where n.emailed_at is null and n.created_at >= ${at.since} and n.created_at < ${at.before}
      and s.email_mode = 'daily' and n.kind = any(s.email_kinds) and ${hasMailAddressSql(sql`n.user_id`)}
    order by n.user_id
    limit ${limit}`);
  return rowsOf<{ user_id: number }>(result).map((r) => Number(r.user_id));
}

/** Claims one person's notifications for their daily summary (another instance that got there first leaves none). */
export async function claimDailyNotifications(
  db: DbOrTx,
  userId: number,
  at: { since: Date; before: Date; now: Date },
): Promise<NotificationRow[]> {
  const result = await db.execute(sql`
    update ${notifications} n set emailed_at = ${at.now}
    from ${notificationSettings} s
    where s.user_id = n.user_id and n.user_id = ${userId} and s.email_mode = 'daily' and n.kind = any(s.email_kinds)
      and n.emailed_at is null and n.created_at >= ${at.since} and n.created_at < ${at.before}
    returning n.*`);
  return rowsOf<Record<string, unknown>>(result)
    .map(toRow)
    .sort((a, b) => a.id - b.id);
}

/** Gives claims back after a failed send, so the next run tries again. */
export async function releaseNotificationClaims(db: DbOrTx, ids: number[]): Promise<void> {
  if (!ids.length) return;
  await db.execute(
    sql`update ${notifications} set emailed_at = null where id = any(${sql`array[${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}]::bigint[]`})`,
  );
}
