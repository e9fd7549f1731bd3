import type { PageServerLoad } from './$types';
import type { CategoryResponse, Responsiveness, ThreadList } from '$lib/types';
import { pageError } from '$lib/server/errors';

const SORTS = ['latest', 'newest', 'top'] as const;
export type Sort = (typeof SORTS)[number];

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const sortParam = url.searchParams.get('sort');
  const sort: Sort = (SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as Sort) : 'latest';
  const unanswered = url.searchParams.get('filter') === 'unanswered';
  const cursor = url.searchParams.get('cursor') ?? undefined;
  const slug = encodeURIComponent(params.slug);
  try {
    const [{ category }, list, responsiveness] = await Promise.all([
      locals.api.get<CategoryResponse>(`/api/categories/${slug}`),
      locals.api.get<ThreadList>(`/api/categories/${slug}/threads`, {
        sort,
        filter: unanswered ? 'unanswered' : undefined,
        cursor,
        limit: 20,
      }),
      // The public figures are a bonus on this page: without them the list still shows.
      locals.api.get<Responsiveness>(`/api/categories/${slug}/responsiveness`).catch(() => null),
    ]);
    return { category, threads: list.threads, nextCursor: list.nextCursor, sort, unanswered, paged: Boolean(cursor), responsiveness };
  } catch (e) {
    pageError(e);
  }
};
