import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { pageError, str } from '$lib/server/errors';
import { formAction } from '$lib/server/form-action';
import { pageOf } from '$lib/server/tracker';
import { requireSignedIn } from '../staff-guard';

/** The signed-in staff member's escalations: those waiting (`open`, the default) or done (`acknowledged`). */
export const load: PageServerLoad = async ({ locals, url, depends }) => {
  requireSignedIn(locals, url);
  // Re-run when an escalation arrives or is acknowledged (escalation.changed on the notifications topic).
  depends('app:inbox');
  const state = url.searchParams.get('state') === 'acknowledged' ? 'acknowledged' : 'open';
  try {
    const inbox = await locals.api.get('/api/escalations', { params: { query: { state } } });
    return { state, escalations: inbox.escalations, openCount: inbox.openCount };
  } catch (e) {
    pageError(e);
  }
};

export const actions: Actions = {
  acknowledge: formAction({
    parse: (form) => {
      const id = Number(str(form, 'id'));
      const ok = Number.isInteger(id) && id > 0 && id <= 2_147_483_647;
      return { input: { id }, values: { action: 'acknowledge', id }, invalid: ok ? undefined : {} };
    },
    call: (api, { id }) => api.post('/api/escalations/{id}/acknowledge', { params: { path: { id } } }),
    done: (_, __, { url }) => redirect(303, pageOf(url)),
  }),
};
