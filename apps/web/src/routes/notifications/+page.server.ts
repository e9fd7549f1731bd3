import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { pageError, str } from '$lib/server/errors';
import { formAction } from '$lib/server/form-action';
import { pageOf } from '$lib/server/tracker';

const PAGE_SIZE = 20;

/** The signed-in reader's notifications, newest first, a page at a time (`cursor`), with the unread count. */
export const load: PageServerLoad = async ({ locals, url, depends }) => {
  if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  // Loaded again when a notification arrives live (notification.created).
  depends('app:notifications');
  const cursor = (url.searchParams.get('cursor') ?? '').slice(0, 200) || undefined;
  try {
    const list = await locals.api.get('/api/notifications', { params: { query: { cursor, limit: PAGE_SIZE } } });
    return { ...list, paged: Boolean(cursor) };
  } catch (e) {
    pageError(e);
  }
};

export const actions: Actions = {
  /** One notification read (its "Mark read" button). */
  read: formAction({
    parse: (form) => {
      const id = Number(str(form, 'id'));
      const ok = Number.isInteger(id) && id > 0 && id <= 2_147_483_647;
      return { input: { id }, values: { action: 'read', id }, invalid: ok ? undefined : {} };
    },
    call: (api, { id }) => api.post('/api/notifications/read', { body: { ids: [id] } }),
    done: (_, __, { url }) => redirect(303, pageOf(url)),
  }),
  /** Every notification read. */
  readAll: formAction({
    parse: () => ({ input: {}, values: { action: 'readAll' } }),
    call: (api) => api.post('/api/notifications/read', { body: { all: true } }),
    done: (_, __, { url }) => redirect(303, pageOf(url)),
  }),
};
