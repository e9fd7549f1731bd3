import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/errors';

export const load: PageServerLoad = async ({ locals }) => {
  try {
    const [{ categories }, { threads: latest }] = await Promise.all([
      locals.api.get('/api/categories'),
      locals.api.get('/api/threads', { params: { query: { limit: 10 } } }),
    ]);
    return { categories: [...categories].sort((a, b) => a.position - b.position), latest };
  } catch (e) {
    pageError(e);
  }
};
