import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { str } from '$lib/server/errors';
import { formAction } from '$lib/server/form-action';

/**
 * The profile's `suspend` form (SuspendForm.svelte): suspend this person, or
 * lift it (`suspended=false`). Whether the reader may is the API's word
 * (`profile.can.suspend`); the API checks it again.
 */
export const suspendAction = formAction({
  fields: ['reason'],
  limits: { reason: { max: 500 } },
  parse: (form, { params }: RequestEvent) => {
    const id = Number(params.id);
    if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) error(404, { message: 'Not found', code: 'not_found' });
    const reason = str(form, 'reason').trim();
    return { input: { id, suspended: str(form, 'suspended') !== 'false', reason }, values: { action: 'suspend', reason } };
  },
  call: (api, { id, suspended, reason }) => api.post('/api/users/{id}/suspend', { params: { path: { id } }, body: { suspended, reason } }),
  done: (_, { id }) => redirect(303, `/u/${id}`),
});
