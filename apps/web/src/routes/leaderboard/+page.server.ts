import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/errors';

export type Period = 'month' | 'all';

/** The leaderboard: this month or all time (`period`), paged with the API's cursor. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const period: Period = url.searchParams.get('period') === 'all' ? 'all' : 'month';
  const cursor = url.searchParams.get('cursor')?.slice(0, 200) || undefined;
  try {
    const board = await locals.api.get('/api/leaderboard', { params: { query: { period, cursor, limit: 50 } } });
    return { board, period, paged: Boolean(cursor) };
  } catch (e) {
    pageError(e);
  }
};
