import { redirect, type RequestHandler } from '@sveltejs/kit';
import { ApiError } from '$lib/api-error';

export const POST: RequestHandler = async ({ locals, cookies, url }) => {
  try {
    await locals.api.post('/api/auth/logout');
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
  // Whatever the API said, this browser is logged out.
  cookies.delete('kakera_session', { path: '/', secure: url.protocol === 'https:' });
  redirect(303, '/');
};

export const GET: RequestHandler = () => redirect(303, '/');
