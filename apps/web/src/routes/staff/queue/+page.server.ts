import { redirect } from '@sveltejs/kit';
import type { z } from 'zod';
import type * as C from '@kakera/contracts';
import type { Actions, PageServerLoad } from './$types';
import { actionFail, localFail, pageError, str } from '$lib/server/errors';
import { requireStaffPage } from '../staff-guard';

type QueueResponse = z.infer<typeof C.QueueResponse>;

export const load: PageServerLoad = async ({ locals, url, depends }) => {
  requireStaffPage(locals, url);
  // Re-run when a staff-queue event arrives (see live-queue.svelte.ts): no polling.
  depends('app:sla-queue');
  const limit = Math.min(500, Math.max(1, Number(url.searchParams.get('limit')) || 100));
  try {
    const queue = await locals.api.get<QueueResponse>('/api/sla/queue', { limit });
    return { queue, limit, me: locals.user!.id };
  } catch (e) {
    pageError(e);
  }
};

const idOf = (form: FormData) => {
  const id = Number(str(form, 'id'));
  return Number.isInteger(id) && id > 0 ? id : null;
};

export const actions: Actions = {
  claim: async ({ locals, request, url }) => {
    const id = idOf(await request.formData());
    if (!id) return localFail({ id: 'invalid_input' });
    try {
      await locals.api.post(`/api/sla/obligations/${id}/claim`);
    } catch (e) {
      return actionFail(e, ['id']);
    }
    redirect(303, url.pathname);
  },
  unclaim: async ({ locals, request, url }) => {
    const id = idOf(await request.formData());
    if (!id) return localFail({ id: 'invalid_input' });
    try {
      await locals.api.del(`/api/sla/obligations/${id}/claim`);
    } catch (e) {
      return actionFail(e, ['id']);
    }
    redirect(303, url.pathname);
  },
  close: async ({ locals, request, url }) => {
    const form = await request.formData();
    const id = idOf(form);
    const reason = str(form, 'reason').trim();
    if (!id) return localFail({ id: 'invalid_input' });
    if (!reason) return localFail({ reason: 'required' });
    try {
      await locals.api.post(`/api/sla/obligations/${id}/close`, { reason });
    } catch (e) {
      return actionFail(e, ['id', 'reason']);
    }
    redirect(303, url.pathname);
  },
};
