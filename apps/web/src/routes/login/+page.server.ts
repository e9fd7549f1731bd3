import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { actionFail, localFail, safeNext, str } from '$lib/server/errors';

export const load: PageServerLoad = ({ locals, url }) => {
  const next = safeNext(url.searchParams.get('next'), url.origin);
  if (locals.user) redirect(303, next);
  return { next };
};

export const actions: Actions = {
  default: async ({ locals, request, url }) => {
    const form = await request.formData();
    const email = str(form, 'email').trim();
    const password = str(form, 'password');
    const next = safeNext(str(form, 'next') || url.searchParams.get('next'), url.origin);
    const missing: Record<string, string> = {};
    if (!email) missing.email = 'required';
    if (!password) missing.password = 'required';
    if (Object.keys(missing).length) return localFail(missing, { email });
    try {
      await locals.api.post('/api/auth/login', { email, password });
    } catch (e) {
      return actionFail(e, ['email', 'password'], { email });
    }
    redirect(303, next);
  },
};
