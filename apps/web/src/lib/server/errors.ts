import { error, fail, isHttpError, isRedirect } from '@sveltejs/kit';
import { ApiError, toFormErrors, type FormErrors, type WordedErrors } from '$lib/api-error';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { formatDuration } from '$lib/format';
import { errorText, fieldErrorText } from './error-text';

type Limits = Record<string, { min?: number; max?: number }>;

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

/** Only local paths: never let `?next=` send someone to another site. */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
