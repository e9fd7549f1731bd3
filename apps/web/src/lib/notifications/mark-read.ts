import { BROWSER_BASE_URL, browserFetch, createApiClient } from '$lib/api/client';
import { unread } from './unread.svelte';

// Not in unread.svelte.ts: that module is on every page (the layout's bell), and
// importing the API client there put it, and openapi-fetch, on a guest's every page.
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
