import { redirect, type RequestHandler } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, toLocale } from '$lib/paraglide/runtime.js';
import { ApiError } from '$lib/api-error';
import { safeNext } from '$lib/server/errors';

/**
 * The language switcher posts here (a plain form, so it works without
 * JavaScript): remember the choice in the PARAGLIDE_LOCALE cookie, save it
 * on the account when logged in, and go back to the page.
 */
export const POST: RequestHandler = async ({ request, cookies, locals, url }) => {
  const form = await request.formData();
  const next = safeNext(String(form.get('next') ?? ''), url.origin);
  const locale = toLocale(String(form.get('locale') ?? ''));
  if (locale) {
    cookies.set(cookieName, locale, {
      path: '/',
      maxAge: cookieMaxAge,
      httpOnly: false,
      sameSite: 'lax',
      secure: url.protocol === 'https:',
    });
    if (locals.user && locals.user.locale !== locale) {
      try {
        await locals.api.patch('/api/me', { body: { locale } });
      } catch (e) {
        // The cookie already carries the choice; the account keeps its old one.
        if (!(e instanceof ApiError)) throw e;
      }
    }
  }
  redirect(303, next);
};

export const GET: RequestHandler = () => redirect(303, '/');
