import type { PageServerLoad } from './$types';
import type { CategoryResponse, ThreadList } from '$lib/types';
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
    const [{ category }, list] = await Promise.all([
      locals.api.get<CategoryResponse>(`/api/categories/${slug}`),
      locals.api.get<ThreadList>(`/api/categories/${slug}/threads`, {
        sort,
        filter: unanswered ? 'unanswered' : undefined,
        cursor,
        limit: 20,
      }),
    ]);
    return { category, threads: list.threads, nextCursor: list.nextCursor, sort, unanswered, paged: Boolean(cursor) };
  } catch (e) {
    pageError(e);
  }
};
