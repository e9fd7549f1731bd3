import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/errors';
import { requireSignedIn } from '../staff/staff-guard';

// The latest digest. Who may read it is the API's word: guests are sent to
// sign in, anyone else who may not gets its 403 as the error page.
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSignedIn(locals, url);
  try {
    const { digests } = await locals.api.get('/api/digests', { params: { query: { limit: 1 } } });
    const latest = digests[0];
    if (!latest) return { digest: null, latestDate: null };
    const digest = await locals.api.get('/api/digests/{date}', { params: { path: { date: latest.date } } });
    return { digest, latestDate: latest.date };
  } catch (e) {
    pageError(e);
  }
};
