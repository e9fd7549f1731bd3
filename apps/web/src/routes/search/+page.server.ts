import type { PageServerLoad } from './$types';
import type { SearchResults } from '$lib/types';
import { ApiError } from '$lib/api-error';

export const load: PageServerLoad = async ({ locals, url }) => {
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
  if (!q) return { q, results: null, available: true };
  try {
    // Not in the API (nor its OpenAPI document) yet, hence the one untyped call.
    const { results } = await locals.api.unlisted<SearchResults>('GET', '/api/search', { q });
    return { q, results, available: true };
  } catch (e) {
    // Search arrives with its own issue; until then the page says so instead of failing.
    if (e instanceof ApiError && (e.status === 404 || e.status === 501)) return { q, results: null, available: false };
    throw e;
  }
};
