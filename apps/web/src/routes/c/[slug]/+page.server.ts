import { ThreadListQuery, ThreadSort } from '@kakera/contracts';
import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/errors';

export type Sort = ThreadSort;
/** What the API sorts by when not told. */
const DEFAULT_SORT = ThreadListQuery.shape.sort.parse(undefined);

export const load: PageServerLoad = async ({ locals, params, url }) => {
  // An unknown sort (a hand-made link) is the API's default.
  const sort: Sort = ThreadSort.safeParse(url.searchParams.get('sort')).data ?? DEFAULT_SORT;
  const unanswered = url.searchParams.get('filter') === 'unanswered';
  const cursor = url.searchParams.get('cursor') ?? undefined;
  const path = { slug: params.slug };
  try {
    const [{ category }, list, responsiveness] = await Promise.all([
      locals.api.get('/api/categories/{slug}', { params: { path } }),
      locals.api.get('/api/categories/{slug}/threads', {
        params: { path, query: { sort, filter: unanswered ? 'unanswered' : undefined, cursor, limit: 20 } },
      }),
      // The public figures are a bonus on this page: without them the list still shows.
      locals.api.get('/api/categories/{slug}/responsiveness', { params: { path } }).catch(() => null),
    ]);
    return { category, threads: list.threads, nextCursor: list.nextCursor, sort, unanswered, paged: Boolean(cursor), responsiveness };
  } catch (e) {
    pageError(e);
  }
};
