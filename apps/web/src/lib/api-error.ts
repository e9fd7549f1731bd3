import type { ErrorCode, FieldError } from '@kakera/contracts';

/** An error answered by the API, or our failure to reach it. Shared by server code and tests. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly fields: FieldError[];
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, code: ErrorCode, message: string, fields: FieldError[] = [], retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const KNOWN_CODES = new Set<string>([
  'invalid_input',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'suspended',
  'origin_mismatch',
  'thread_locked',
  'not_found',
  'conflict',
  'email_taken',
  'slug_taken',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal',
  'database_unavailable',
]);

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && KNOWN_CODES.has(code);
}

function codeForStatus(status: number): ErrorCode {
  if (status === 400) return 'invalid_input';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'database_unavailable';
  return 'internal';
}

/** Builds an ApiError from a non-2xx response body (`{ error: { code, message, details } }`), tolerating anything else. */
export function apiErrorFromBody(status: number, body: unknown, retryAfterHeader?: string | null): ApiError {
  const err = (
    body as { error?: { code?: unknown; message?: unknown; details?: { fields?: unknown; retryAfterSeconds?: unknown } } } | null
  )?.error;
  const code = isErrorCode(err?.code) ? err.code : codeForStatus(status);
  const message = typeof err?.message === 'string' ? err.message : `HTTP ${status}`;
  const fields = Array.isArray(err?.details?.fields)
    ? (err.details.fields as unknown[]).flatMap((f) => {
        const o = f as { path?: unknown; message?: unknown; code?: unknown };
        if (typeof o?.path !== 'string') return [];
        return [
          {
            path: o.path,
            message: typeof o.message === 'string' ? o.message : '',
            ...(typeof o.code === 'string' ? { code: o.code } : {}),
          },
        ];
      })
    : [];
  const retryFromBody = typeof err?.details?.retryAfterSeconds === 'number' ? err.details.retryAfterSeconds : undefined;
  const retryFromHeader = retryAfterHeader && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : undefined;
  return new ApiError(status, code, message, fields, retryFromBody ?? retryFromHeader);
}

/**
 * What a form action sends back with `fail()`: codes only, so the page can
 * word them in the reader's language. `fields` maps a field name (`title`,
 * `report.device`) to a code: an ErrorCode or a zod issue code.
 */
export interface FormErrors {
  /** Shown above the form (an error summary); null when every problem sits beside a field. */
  form: ErrorCode | null;
  fields: Record<string, string>;
  retryAfterSeconds?: number;
}

/** Field that an error code belongs to when the API does not name one. */
const FIELD_FOR_CODE: Partial<Record<ErrorCode, string>> = {
  email_taken: 'email',
  slug_taken: 'slug',
};

/**
 * Maps an API error to form errors. Field errors whose path is not one of
 * the form's `fields` are folded into the summary so nothing is lost.
 */
export function toFormErrors(e: ApiError, fields: readonly string[]): FormErrors {
  const out: FormErrors = { form: null, fields: {} };
  for (const f of e.fields) {
    const path = f.path.replace(/^body\./, '');
    if (fields.includes(path)) {
      if (!out.fields[path]) out.fields[path] = f.code ?? e.code;
    } else {
      out.form = e.code;
    }
  }
  const home = FIELD_FOR_CODE[e.code];
  if (home && fields.includes(home) && !out.fields[home]) out.fields[home] = e.code;
  if (Object.keys(out.fields).length === 0 || e.code === 'invalid_input') out.form = e.code;
  if (e.retryAfterSeconds !== undefined) out.retryAfterSeconds = e.retryAfterSeconds;
  return out;
}

/**
 * Form errors as the page receives them: already worded in the reader's
 * language on the server (so the browser bundle carries no error catalogue).
 */
export interface WordedErrors {
  /** The summary above the form, or null. */
  form: string | null;
  /** The code behind `form` (e.g. to offer a login link for `unauthenticated`). */
  formCode: ErrorCode | null;
  /** "Try again in 30 seconds." for rate limits, or null. */
  retry: string | null;
  /** Field name → the message shown beside it. */
  fields: Record<string, string>;
}
