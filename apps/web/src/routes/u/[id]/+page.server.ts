import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { ApiData } from '$lib/api/client';
import { pageError } from '$lib/server/errors';
import { suspendAction } from './suspend-action';

export type PointsHistory = ApiData<'/api/users/{id}/points'>;
export type Badge = ApiData<'/api/users/{id}/badges'>['badges'][number];
export type Answers = ApiData<'/api/users/{id}/answers'>;

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) error(404, { message: 'Not found', code: 'not_found' });
  try {
    // The points history and the accepted answers page by their own cursors (`points`, `answers`).
    const cursor = (name: string) => url.searchParams.get(name)?.slice(0, 200) || undefined;
    const [{ user }, { threads }, { categories }, points, { badges }, answers] = await Promise.all([
      locals.api.get('/api/users/{id}', { params: { path: { id } } }),
      locals.api.get('/api/users/{id}/threads', { params: { path: { id } } }),
      locals.api.get('/api/categories'),
      locals.api.get('/api/users/{id}/points', { params: { path: { id }, query: { cursor: cursor('points'), limit: 20 } } }),
      locals.api.get('/api/users/{id}/badges', { params: { path: { id } } }),
      locals.api.get('/api/users/{id}/answers', { params: { path: { id }, query: { cursor: cursor('answers'), limit: 10 } } }),
    ]);
    return {
      profile: user,
      threads,
      categoryNames: Object.fromEntries(categories.map((c) => [c.id, c.name])),
      ranks: { points, badges, answers, pointsCursor: cursor('points'), answersCursor: cursor('answers') },
    };
  } catch (e) {
    pageError(e);
  }
};

export const actions: Actions = { suspend: suspendAction };
