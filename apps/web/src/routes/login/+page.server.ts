import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { safeNext, str } from '$lib/server/errors';
import { formAction, missing } from '$lib/server/form-action';

export const load: PageServerLoad = ({ locals, url }) => {
  const next = safeNext(url.searchParams.get('next'), url.origin);
  if (locals.user) redirect(303, next);
  return { next };
};

export const actions: Actions = {
  default: formAction({
    fields: ['email', 'password'],
    parse: (form, { url }) => {
      const email = str(form, 'email').trim();
      const password = str(form, 'password');
      const next = safeNext(str(form, 'next') || url.searchParams.get('next'), url.origin);
      return { input: { email, password, next }, values: { email }, invalid: missing({ email, password }) };
    },
    call: (api, { email, password }) => api.post('/api/auth/login', { body: { email, password } }),
    done: (_, { next }) => redirect(303, next),
  }),
};
