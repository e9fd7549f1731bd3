import type { RequestEvent } from '@sveltejs/kit';
import type { Api } from './api';
import { actionFail, localFail, type Limits } from './errors';

/**
 * What a form's fields say: the `input` to send, the `values` to show again
 * if it fails (never a password), and `invalid` — field → error code — when
 * the form cannot be sent as it is (a required field left empty). `invalid`
 * may be `{}`: the form is broken (a hidden field tampered with) and the
 * summary says so.
 */
export type Parsed<I, V> = { input: I; values: V; invalid?: Record<string, string> | undefined };

export interface FormActionSpec<E extends RequestEvent, I, V extends Record<string, unknown>, R, D> {
  /** Fields the API's errors may name: their errors go beside them, anything else to the summary. */
  fields?: readonly string[];
  /** Length limits that differ from the usual ones, for wording "too long". */
  limits?: Limits;
  /** Reads the form. May throw SvelteKit's `error()` (a link to nothing). */
  parse: (form: FormData, event: E) => Parsed<I, V>;
  /** The API call that does the work. */
  call: (api: Api, input: I, event: E) => Promise<R>;
  /** After success: `redirect()` somewhere, or answer data for the page. */
  done: (result: R, input: I, event: E) => D;
}

/**
 * A form action, in the order every form of the web app reads:
 * parse the form → call the API → on failure, `fail()` with the errors
 * worded for the reader and the values to refill the form → on success,
 * redirect (so that the form works without JavaScript) or answer data.
 */
export function formAction<E extends RequestEvent, I, V extends Record<string, unknown>, R, D>(spec: FormActionSpec<E, I, V, R, D>) {
  return async (event: E) => {
    const { input, values, invalid } = spec.parse(await event.request.formData(), event);
    if (invalid) return localFail(invalid, values, spec.limits);
    let result: R;
    try {
      result = await spec.call(event.locals.api, input, event);
    } catch (e) {
      return actionFail(e, spec.fields ?? [], values, spec.limits);
    }
    return spec.done(result, input, event);
  };
}

/**
 * `{ field: 'required' }` for each of `fields` that is empty, or undefined
 * when none is. Trim first where blanks mean nothing (not in a password).
 */
export function missing(fields: Record<string, string>, code = 'required'): Record<string, string> | undefined {
  const empty = Object.entries(fields).filter(([, v]) => v === '');
  return empty.length ? Object.fromEntries(empty.map(([k]) => [k, code])) : undefined;
}
