import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { pageError, str } from '$lib/server/errors';
import { formAction } from '$lib/server/form-action';
import { pageOf } from '$lib/server/tracker';
import { requireSignedIn } from '../staff-guard';

const STATES = ['open', 'resolved', 'dismissed'] as const;

/** The flag queue: open flags oldest first (the default), or the resolved or dismissed ones. */
export const load: PageServerLoad = async ({ locals, url, depends }) => {
  requireSignedIn(locals, url);
  // Re-run when a post is flagged or a flag settled (flag.changed on staff-queue).
  depends('app:flags');
  const raw = url.searchParams.get('status');
  const status = STATES.find((s) => s === raw) ?? 'open';
  const cursor = url.searchParams.get('cursor') ?? undefined;
  try {
    const list = await locals.api.get('/api/flags', { params: { query: { status, cursor, limit: 30 } } });
    return { status, cursor: cursor ?? null, ...list };
  } catch (e) {
    pageError(e);
  }
};

/** The flag a row's form is about, or a broken form. */
function flagOf(form: FormData) {
  const id = Number(str(form, 'id'));
  return Number.isInteger(id) && id > 0 && id <= 2_147_483_647 ? { id, invalid: undefined } : { id: 0, invalid: {} };
}

const settle = (action: 'resolve' | 'dismiss') =>
  formAction({
    fields: ['reason'],
    limits: { reason: { max: 500 } },
    parse: (form) => {
      const { id, invalid } = flagOf(form);
      const reason = str(form, 'reason').trim();
      return { input: { id, reason }, values: { action, id, reason }, invalid };
    },
    call: (api, { id, reason }) =>
      api.post(action === 'resolve' ? '/api/flags/{id}/resolve' : '/api/flags/{id}/dismiss', {
        params: { path: { id } },
        body: reason ? { reason } : {},
      }),
    done: (_, __, { url }) => redirect(303, pageOf(url)),
  });

export const actions: Actions = { resolve: settle('resolve'), dismiss: settle('dismiss') };
