import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorStatus, type ErrorCode, type FieldError } from '@kakera/contracts';
import { AppError } from '@kakera/core';

export function sendError(reply: FastifyReply, code: ErrorCode, message: string, details?: Record<string, unknown>) {
  const retry = details?.retryAfterSeconds;
  if (typeof retry === 'number') reply.header('retry-after', String(Math.max(1, Math.ceil(retry))));
  return reply.code(errorStatus[code]).send({ error: { code, message, ...(details && { details }) } });
}

const DB_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', '57P01', '57P02', '57P03', '53300']);
/** Connection-level failures of the database (not query errors): answered with 503. */
export function isDatabaseUnavailable(err: unknown): boolean {
  let e = err as { code?: string; message?: string; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (e.code && (DB_DOWN_CODES.has(e.code) || e.code.startsWith('08'))) return true;
    if (
      typeof e.message === 'string' &&
      /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error|PGlite is closed/i.test(
        e.message,
      )
    )
      return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** Text the database cannot store (a NUL character, invalid UTF-8): the client's input, so 400, not 500. */
function isUnstorableText(err: unknown): boolean {
  let e = err as { code?: string; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (e.code === '22021' || e.code === '22P05') return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** One error handler: domain errors by code, validation by field, 5xx text hidden. */
export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) return sendError(reply, err.code, err.message, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext;
      const fields: FieldError[] = err.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        return { path: path || (where ?? 'body'), message: v.message ?? 'Invalid value', code: v.keyword };
      });
      return sendError(reply, 'invalid_input', `Invalid ${where ?? 'input'}: ${fields.map((f) => f.path).join(', ')}`, {
        fields,
        ...(where && { in: where }),
      });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 'payload_too_large', 'The request body is too large');
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, 'unsupported_media_type', 'Send JSON (application/json)');
    if (
      err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      (err.statusCode === 400 && err.code?.startsWith('FST_'))
    ) {
      return sendError(reply, 'invalid_input', 'The request body is not valid JSON', {
        fields: [{ path: 'body', message: 'Invalid JSON' }],
      });
    }
    if (err.statusCode === 429) return sendError(reply, 'rate_limited', 'Too many requests', { retryAfterSeconds: 60 });
    if (isUnstorableText(err)) {
      return sendError(reply, 'invalid_input', 'The text contains characters that cannot be stored (such as NUL)');
    }
    if (isDatabaseUnavailable(err)) {
      request.log.warn({ err }, 'database unavailable');
      return sendError(reply, 'database_unavailable', 'The database is unavailable; try again shortly', { retryAfterSeconds: 5 });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendError(reply, err.statusCode === 404 ? 'not_found' : 'invalid_input', err.message);
    }
    request.log.error({ err }, 'unhandled error');
    return sendError(reply, 'internal', 'Something went wrong on our side');
  });

  app.setNotFoundHandler((request, reply) => sendError(reply, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}`));
});
