import { error, redirect } from '@sveltejs/kit';
import { LocalDate } from '@kakera/contracts';
import type { Actions, PageServerLoad } from './$types';
import { ApiError } from '$lib/api-error';
import { paths } from '$lib/paths';
import { pageError } from '$lib/server/errors';
import { formAction } from '$lib/server/form-action';
import { requireSignedIn } from '../../staff/staff-guard';

/** A day in the address bar, checked by the API's own rule; anything else is a page that does not exist. */
function dateOf(param: string): string {
  if (!LocalDate.safeParse(param).success) error(404, { message: 'Not found', code: 'not_found' });
  return param;
}

// One day's digest; a day without one offers to generate it (executives and admins, as the API decides).
export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireSignedIn(locals, url);
  const date = dateOf(params.date);
  try {
    const [digest, { digests }] = await Promise.all([
      locals.api.get('/api/digests/{date}', { params: { path: { date } } }).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }),
      locals.api.get('/api/digests', { params: { query: { limit: 1 } } }),
    ]);
    return { date, digest, latestDate: digests[0]?.date ?? null };
  } catch (e) {
    pageError(e);
  }
};

export const actions: Actions = {
  generate: formAction({
    parse: (_form, event) => ({ input: dateOf(event.params.date), values: {} }),
    call: (api, date) => api.post('/api/digests/{date}/generate', { params: { path: { date } } }),
    done: (_digest, date) => redirect(303, paths.digest(date)),
  }),
};
