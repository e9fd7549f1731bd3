import { LocalDate } from '@kakera/contracts';
import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/errors';
import { requireSignedIn } from '../../staff/staff-guard';

// Every stored digest, newest first, with its headline figures; older ones a page at a time.
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSignedIn(locals, url);
  const cursor = LocalDate.safeParse(url.searchParams.get('cursor')).data;
  try {
    const list = await locals.api.get('/api/digests', { params: { query: { limit: 30, cursor } } });
    return { list, cursor: cursor ?? null };
  } catch (e) {
    pageError(e);
  }
};
