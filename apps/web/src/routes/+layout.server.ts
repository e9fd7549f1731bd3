import type { LayoutServerLoad } from './$types';

/**
 * Who is reading, and for those the API lets use staff tools (`Me.can`) the
 * numbers on the header's links: breached obligations (the queue's counts,
 * one row) and escalations waiting in their inbox. Both are refreshed live
 * in the browser (src/lib/staff/alerts.svelte.ts). Everyone signed in gets
 * the bell's unread count, kept live by src/lib/notifications/unread.svelte.ts.
 */
export const load: LayoutServerLoad = async ({ locals }) => {
  const user = locals.user;
  let breached: number | null = null;
  let escalations: number | null = null;
  // The bell's number for anyone signed in; the page renders without it rather than failing.
  const unread = user
    ? locals.api
        .get('/api/notifications', { params: { query: { limit: 1 } } })
        .then((n) => n.unreadCount)
        .catch(() => null)
    : null;
  if (user?.can.staffTools) {
    // The header shows its links without a count rather than failing the page.
    [breached, escalations] = await Promise.all([
      locals.api
        .get('/api/sla/queue', { params: { query: { limit: 1 } } })
        .then((q) => q.counts.breached)
        .catch(() => null),
      locals.api
        .get('/api/escalations', { params: { query: { state: 'open' } } })
        .then((e) => e.openCount)
        .catch(() => null),
    ]);
  }
  return { user, breached, escalations, unread: await unread };
};
