import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { ApiError } from '$lib/api-error';
import { createApi } from '$lib/server/api';
import { rememberAccountLocale } from '$lib/i18n/strategy.server';
import { errorText } from '$lib/server/error-text';
import { paraglideMiddleware } from '$lib/paraglide/server.js';

const SESSION_COOKIE = 'kakera_session';

/** Who is asking: one GET /api/me per request, only when a session cookie is present. */
const session: Handle = async ({ event, resolve }) => {
  event.locals.api = createApi(event);
  event.locals.user = null;
  if (event.cookies.get(SESSION_COOKIE)) {
    try {
      const { user } = await event.locals.api.get('/api/me');
      event.locals.user = user;
    } catch (e) {
      // 401: the session expired or was revoked; anything else: read on as a guest.
      if (!(e instanceof ApiError)) throw e;
    }
  }
  rememberAccountLocale(event.request, event.locals.user?.locale);
  return resolve(event);
};

/** Picks the locale (cookie → account → Accept-Language → en) and renders <html lang> with it. */
const i18n: Handle = ({ event, resolve }) =>
  paraglideMiddleware(event.request, ({ request, locale }) => {
    event.request = request;
    event.locals.locale = locale;
    return resolve(event, {
      transformPageChunk: ({ html }) => html.replace('%lang%', locale),
    });
  });

// No security headers here: the server that mounts this app sets them
// (apps/api/src/plugins/security-headers.ts) on pages and on the static
// files that never reach these hooks alike. Pages add svelte.config.js's CSP.
export const handle = sequence(session, i18n);

export const handleError: HandleServerError = ({ error, status }) => {
  if (status >= 500) console.error(error);
  const code = status === 404 ? 'not_found' : 'internal';
  return { message: errorText(code), code };
};
