import { UnsubscribeList } from '@kakera/contracts';
import type { PageServerLoad } from './$types';
import { ApiError } from '$lib/api-error';

// Where an e-mail's "stop these e-mails" link lands: the token in the link
// turns that e-mail off (no sign-in needed), and the page says what happened.
export const load: PageServerLoad = async ({ locals, url }) => {
  const token = url.searchParams.get('token') ?? '';
  const list = UnsubscribeList.safeParse(url.searchParams.get('list')).data ?? 'notifications';
  try {
    await locals.api.get('/api/unsubscribe', { params: { query: { token, list } } });
    return { done: true, list };
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return { done: false, list };
    throw e;
  }
};
