import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { pageError, str } from '$lib/server/errors';
import { formAction } from '$lib/server/form-action';
import { requireSignedIn } from '../staff-guard';

export const load: PageServerLoad = async ({ locals, url, depends }) => {
  requireSignedIn(locals, url);
  // Re-run when a staff-queue event arrives (see live-queue.svelte.ts): no polling.
  depends('app:sla-queue');
  const limit = Math.min(500, Math.max(1, Number(url.searchParams.get('limit')) || 100));
  try {
    const queue = await locals.api.get('/api/sla/queue', { params: { query: { limit } } });
    return { queue, limit, me: locals.user!.id };
  } catch (e) {
    pageError(e);
  }
};

/** The obligation a queue row's form is about, or a broken form. */
function obligation(form: FormData) {
  const id = Number(str(form, 'id'));
  return Number.isInteger(id) && id > 0 ? { id, invalid: undefined } : { id: 0, invalid: { id: 'invalid_input' } };
}

export const actions: Actions = {
  claim: formAction({
    fields: ['id'],
    parse: (form) => {
      const { id, invalid } = obligation(form);
      return { input: { id }, values: {}, invalid };
    },
    call: (api, { id }) => api.post('/api/sla/obligations/{id}/claim', { params: { path: { id } } }),
    done: (_, __, { url }) => redirect(303, url.pathname),
  }),
  unclaim: formAction({
    fields: ['id'],
    parse: (form) => {
      const { id, invalid } = obligation(form);
      return { input: { id }, values: {}, invalid };
    },
    call: (api, { id }) => api.del('/api/sla/obligations/{id}/claim', { params: { path: { id } } }),
    done: (_, __, { url }) => redirect(303, url.pathname),
  }),
  close: formAction({
    fields: ['id', 'reason'],
    parse: (form) => {
      const { id, invalid } = obligation(form);
      const reason = str(form, 'reason').trim();
      return { input: { id, reason }, values: {}, invalid: invalid ?? (reason ? undefined : { reason: 'required' }) };
    },
    call: (api, { id, reason }) => api.post('/api/sla/obligations/{id}/close', { params: { path: { id } }, body: { reason } }),
    done: (_, __, { url }) => redirect(303, url.pathname),
  }),
};
