import type { LayoutServerLoad } from './$types';

/**
 * Who is reading, and for those the API lets use staff tools (`Me.can`) the
 * numbers on the header's links: breached obligations (the queue's counts,
 * one row) and escalations waiting in their inbox. Both are refreshed live
 * in the browser (src/lib/staff/alerts.svelte.ts).
 */
export const load: LayoutServerLoad = async ({ locals }) => {
  const user = locals.user;
  let breached: number | null = null;
  let escalations: number | null = null;
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
  return { user, breached, escalations };
};
