import { z } from 'zod';

/**
 * Every error the API can answer with. The code is stable (clients and the
 * web app's message catalogue key on it); the message is for humans and may
 * change. The HTTP status for each code is fixed here, in one table.
 */
export const errorStatus = {
  invalid_input: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  suspended: 403,
  origin_mismatch: 403,
  thread_locked: 403,
  not_found: 404,
  conflict: 409,
  email_taken: 409,
  slug_taken: 409,
  /** Accepting an answer or answering "did this solve your problem?" on a discussion or suggestion: only questions and bug reports have them. */
  not_solvable: 409,
  /** `attachmentIds` names an upload that is not the poster's own, or is already on a post. */
  attachment_unavailable: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  database_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export const ErrorCode = z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]);

/** One failing field: `path` is the dotted field name (`title`, `report.device`). */
export const FieldError = z.object({ path: z.string(), message: z.string(), code: z.string().optional() });
export type FieldError = z.infer<typeof FieldError>;

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z
      .object({ fields: z.array(FieldError).optional(), retryAfterSeconds: z.number().optional() })
      .catchall(z.unknown())
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
