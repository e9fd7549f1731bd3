import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/errors';

export const load: PageServerLoad = async ({ locals }) => {
  try {
    const { categories } = await locals.api.get('/api/categories');
    return { categories: [...categories].sort((a, b) => a.position - b.position) };
  } catch (e) {
    pageError(e);
  }
};
