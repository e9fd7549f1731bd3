import { Lazy } from '$lib/lazy.svelte';
import type { Me } from '$lib/types';

/**
 * The header's parts only some readers get, fetched apart from every page's
 * layout: the bell and user menu (signed in) and the staff links
 * (`Me.can.staffTools`). The root layout's universal load awaits the ones the
 * reader needs, on the server and before hydration, so the header renders
 * whole at once (a plain link and plain forms, before any JavaScript).
 */
export const headerParts = {
  user: new Lazy(() => import('./HeaderUser.svelte')),
  staff: new Lazy(() => import('./HeaderStaff.svelte')),
};

export function neededHeaderParts(user: Pick<Me, 'can'> | null | undefined): Lazy<unknown>[] {
  if (!user) return [];
  return user.can.staffTools ? [headerParts.user, headerParts.staff] : [headerParts.user];
}
