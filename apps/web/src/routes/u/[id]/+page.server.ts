import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import type { CategoryList, UserProfile, UserThreads } from '$lib/types';
import { pageError } from '$lib/server/errors';

export const load: PageServerLoad = async ({ locals, params }) => {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) error(404, { message: 'Not found', code: 'not_found' });
  try {
    const [{ user }, { threads }, { categories }] = await Promise.all([
      locals.api.get<{ user: UserProfile }>(`/api/users/${id}`),
      locals.api.get<UserThreads>(`/api/users/${id}/threads`),
      locals.api.get<CategoryList>('/api/categories'),
    ]);
    return { profile: user, threads, categoryNames: Object.fromEntries(categories.map((c) => [c.id, c.name])) };
  } catch (e) {
    pageError(e);
  }
};
