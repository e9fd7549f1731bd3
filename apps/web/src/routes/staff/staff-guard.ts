import { error, redirect } from '@sveltejs/kit';
import { isStaffRole } from '$lib/roles';

/** Staff pages: sign in first, then staff only (the API checks again). */
export function requireStaffPage(locals: App.Locals, url: URL): void {
  if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  if (!isStaffRole(locals.user.role)) error(403, { message: 'Staff only', code: 'forbidden' });
}
