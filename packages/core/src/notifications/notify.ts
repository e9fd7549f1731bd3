import type { EventPayload, NotificationKind } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import type { Deps } from '../shared/deps.ts';
import { toNotification } from './notification-view.ts';
import { findMutedAmong } from './notification-settings.repo.ts';
import { countUnread, countUnreadOf, eventRowsSql, insertNotifications, insertOneNotification } from './notifications.repo.ts';

/**
 * Notifies people of something, inside the transaction that made it happen:
 * one stored notification each (never for `except`, the person who did it,
 * nor for those who muted the kind in their settings), delivered live to that
 * person only, and mailed later as their settings say
 * (send-notification-emails.ts). `dedupeKey` makes it once per person however
 * often it is called (a retried change, a status going back and forth
 * notifies by its own key).
 */
export async function notify(
  tx: DbOrTx,
  deps: Pick<Deps, 'events' | 'clock'>,
  recipients: Iterable<number>,
  n: { kind: NotificationKind; data: Record<string, unknown>; url: string | null; dedupeKey: string; except?: number | null },
): Promise<number> {
  const now = deps.clock.now();
  const candidates = [...new Set(recipients)].filter((id) => id !== n.except);
  if (candidates.length === 1) {
    // One person (a reply's thread author, a badge): the mute check, the row
    // and their unread count in one statement, then its event.
    const userId = candidates[0]!;
    const row = { userId, kind: n.kind, data: n.data, url: n.url, dedupeKey: n.dedupeKey, createdAt: now };
    const made = await insertOneNotification(tx, row);
    if (!made) return 0;
    const event: EventPayload<'notification.created'> = {
      notification: toNotification({ ...row, id: made.id, readAt: null, emailedAt: null }),
      unreadCount: made.unreadCount,
    };
    await deps.events.record(tx, 'notification.created', `user:${userId}`, event, { userId });
    return 1;
  }
  const muted = await findMutedAmong(tx, candidates, n.kind);
  const to = candidates.filter((id) => !muted.has(id));
  const made = await insertNotifications(
    tx,
    to.map((userId) => ({ userId, kind: n.kind, data: n.data, url: n.url, dedupeKey: n.dedupeKey, createdAt: now })),
  );
  if (made.length === 1) {
    const row = made[0]!;
    const event: EventPayload<'notification.created'> = {
      notification: toNotification(row),
      unreadCount: await countUnread(tx, row.userId),
    };
    await deps.events.record(tx, 'notification.created', `user:${row.userId}`, event, { userId: row.userId });
  } else if (made.length > 1) {
    // Many people at once (an issue's 1,000 voters): their counts in one
    // query and their events in one statement, not three round trips each
    // inside the transaction that holds the issue (docs/performance.md).
    const counts = await countUnreadOf(
      tx,
      made.map((r) => r.userId),
    );
    const rows = made.map((row) => {
      const data: EventPayload<'notification.created'> = { notification: toNotification(row), unreadCount: counts.get(row.userId) ?? 0 };
      return { type: 'notification.created', topic: `user:${row.userId}`, userId: row.userId, data };
    });
    await deps.events.recordFrom(tx, eventRowsSql(rows), { perUser: true });
  }
  return made.length;
}
