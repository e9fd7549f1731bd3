import type { LayoutServerLoad } from './$types';
import { isStaffRole } from '@kakera/contracts/roles';

/**
 * Who is reading, and for staff the number of breached obligations shown on
 * the header's queue link (one small query: the queue's counts, one row).
 * The count is refreshed live in the browser (src/lib/staff/alerts.svelte.ts).
 */
export const load: LayoutServerLoad = async ({ locals }) => {
  const user = locals.user;
  let breached: number | null = null;
  if (user && isStaffRole(user.role)) {
    try {
      breached = (await locals.api.get('/api/sla/queue', { params: { query: { limit: 1 } } })).counts.breached;
    } catch {
      // The header shows the link without a count rather than failing the page.
      breached = null;
    }
  }
  return { user, breached };
};
