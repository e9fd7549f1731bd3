import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { pageError } from '$lib/server/errors';

export const load: PageServerLoad = async ({ locals, params }) => {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) error(404, { message: 'Not found', code: 'not_found' });
  try {
    const [{ user }, { threads }, { categories }] = await Promise.all([
      locals.api.get('/api/users/{id}', { params: { path: { id } } }),
      locals.api.get('/api/users/{id}/threads', { params: { path: { id } } }),
      locals.api.get('/api/categories'),
    ]);
    return { profile: user, threads, categoryNames: Object.fromEntries(categories.map((c) => [c.id, c.name])) };
  } catch (e) {
    pageError(e);
  }
};
