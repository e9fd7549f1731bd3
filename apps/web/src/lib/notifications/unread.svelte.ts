import { BROWSER_BASE_URL, browserFetch, createApiClient } from '$lib/api/client';

/**
 * The number on the header's bell. The server renders it (layout data, which
 * the layout copies in here whenever it loads); live `notification.created`
 * events (Notifications.svelte) and marking read keep it current in the
 * browser. Null: not known here yet, use the server's figure.
 */
export const unread = $state<{ count: number | null }>({ count: null });

/**
 * Marks one notification read as its link is followed (the list's "open";
 * the app navigates in place, so the request is not cut off). The bell
 * takes the count the API answers. Failing quietly is fine: the list's
 * "Mark read" button is the way that always works, with or without JavaScript.
 */
export function markReadOnOpen(id: number): void {
  const api = createApiClient({ baseUrl: BROWSER_BASE_URL, fetch: browserFetch });
  void api
    .post('/api/notifications/read', { body: { ids: [id] } })
    .then((r) => {
      unread.count = r.unreadCount;
    })
    .catch(() => {});
}
