import { redirect } from '@sveltejs/kit';

/**
 * Staff pages: sign in first. Whether the reader is staff is the API's word:
 * its staff-only answers come back 403, which the page shows as such.
 */
export function requireSignedIn(locals: App.Locals, url: URL): void {
  if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
}
