import type { NotificationKind } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import type { Deps } from '../shared/deps.ts';
import { toNotification } from './notification-view.ts';
import { findMutedAmong } from './notification-settings.repo.ts';
import { countUnread, insertNotifications } from './notifications.repo.ts';

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
  const muted = await findMutedAmong(tx, candidates, n.kind);
  const to = candidates.filter((id) => !muted.has(id));
  const made = await insertNotifications(
    tx,
    to.map((userId) => ({ userId, kind: n.kind, data: n.data, url: n.url, dedupeKey: n.dedupeKey, createdAt: now })),
  );
  for (const row of made) {
    const unreadCount = await countUnread(tx, row.userId);
    await deps.events.record(
      tx,
      'notification.created',
      `user:${row.userId}`,
      { notification: toNotification(row), unreadCount },
      { userId: row.userId },
    );
  }
  return made.length;
}
