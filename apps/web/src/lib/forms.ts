import type { SubmitFunction } from '@sveltejs/kit';
import { invalidateAll } from '$app/navigation';

/**
 * `use:enhance` for small in-page actions (like, accept, delete …): the
 * action redirects back for the no-JavaScript case; with JavaScript we stay
 * put, refresh the data and keep keyboard focus where it was.
 */
export const stay: SubmitFunction = () => {
  return async ({ result, update }) => {
    if (result.type === 'redirect') await invalidateAll();
    else await update({ reset: false });
  };
};

/**
 * `use:enhance` for logging in and registering: errors stay in-page, but
 * success loads the next page in full, so the account's language (and
 * everything else tied to the session) renders from the server.
 */
export const fullReloadOnSuccess: SubmitFunction = () => {
  return async ({ result, update }) => {
    if (result.type === 'redirect') location.assign(result.location);
    else await update({ reset: false });
  };
};
