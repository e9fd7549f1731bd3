import { error, fail, isHttpError, isRedirect } from '@sveltejs/kit';
import { ApiError, toFormErrors, type FormErrors, type WordedErrors } from '$lib/api-error';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { formatDuration } from '$lib/format';
import { errorText, fieldErrorText } from './error-text';

export type Limits = Record<string, { min?: number; max?: number }>;

/** Words coded form errors in the request's language (Paraglide's middleware set it). */
export function wordErrors(errors: FormErrors, limits: Limits = {}): WordedErrors {
  return {
    form: errors.form ? errorText(errors.form) : null,
    formCode: errors.form,
    retry:
      errors.form === 'rate_limited' && errors.retryAfterSeconds
        ? m.error_retry_after({ duration: formatDuration(errors.retryAfterSeconds, getLocale()) })
        : null,
    fields: Object.fromEntries(Object.entries(errors.fields).map(([f, code]) => [f, fieldErrorText(f, code, limits[f])])),
  };
}

/** Turns an API failure inside a load into SvelteKit's error page (404, 403, 503 …). */
export function pageError(e: unknown): never {
  if (e instanceof ApiError) error(e.status, { message: errorText(e.code), code: e.code });
  throw e;
}

export type ActionFailure<V> = { errors: WordedErrors; values?: V };

/**
 * Turns an API failure inside a form action into `fail(status, { errors })`,
 * with the submitted values so the form can be refilled. Anything else
 * (a redirect, a bug) is rethrown.
 */
export function actionFail<V extends Record<string, unknown>>(e: unknown, fields: readonly string[], values?: V, limits?: Limits) {
  if (isRedirect(e) || isHttpError(e)) throw e;
  if (e instanceof ApiError) {
    return fail(e.status, { errors: wordErrors(toFormErrors(e, fields), limits), ...(values ? { values } : {}) } as ActionFailure<V>);
  }
  throw e;
}

/** Form-level failure raised in the web app itself (e.g. a missing field before calling the API). */
export function localFail<V extends Record<string, unknown>>(fields: Record<string, string>, values?: V, limits?: Limits) {
  return fail(400, {
    errors: wordErrors({ form: 'invalid_input', fields }, limits),
    ...(values ? { values } : {}),
  } as ActionFailure<V>);
}

export function str(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
}

/**
 * Where a `?next=` may send someone: only a path on this site, else `fallback`.
 * Browsers drop tabs and newlines inside a URL and read `\` as `/`, so
 * `/\t/evil.example` means `//evil.example`: the value is parsed the way a
 * browser would, against this site's origin, and kept only if it stays there.
 * What comes back is the parsed URL re-serialised (percent-encoded), so it is
 * always a valid Location header — a raw newline or a non-Latin-1 character
 * there made Node refuse the header, a 500.
 */
export function safeNext(next: string | null | undefined, origin: string, fallback = '/'): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (!next || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(origin).origin) return fallback;
  const path = url.pathname + url.search + url.hash;
  // `/.//evil.example` parses to the path `//evil.example`, which a browser reads as another host.
  return path.startsWith('//') ? fallback : path;
}
