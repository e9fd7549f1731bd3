import type { announcer as Announcer } from '$lib/announcer.svelte';
import { notificationText } from '$lib/i18n/notifications';
import { isEvent, type LiveClient } from '$lib/live.svelte';

export interface LiveNotificationDeps {
  live: Pick<LiveClient, 'subscribe'>;
  announcer: Pick<typeof Announcer, 'announce'>;
  /** The header bell's live count (unread.svelte.ts). */
  unread: { count: number | null };
}

/**
 * Live in-app notifications (an issue's status changed, an idea adopted, a
 * staff answer …), shown as a toast and read out politely, in the reader's
 * language; the bell in the header takes the unread count they carry.
 *
 * Signed-in readers only: the root layout loads this module with a dynamic
 * import() once it knows there is a user, so a guest's pages never fetch it
 * (nor the wording of every kind of notification). The layout hands in what
 * every page already has, as for the staff alerts.
 */
export function startLiveNotifications({ live, announcer, unread }: LiveNotificationDeps): () => void {
  return live.subscribe('notifications', (ev) => {
    if (!isEvent(ev, 'notification.created')) return;
    const n = ev.data.notification;
    unread.count = ev.data.unreadCount;
    announcer.announce(notificationText(n), { toast: true, href: n.url ?? undefined });
  });
}
