import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * One log line per request, at a level that says whether anyone should look:
 * server errors at error, slow requests and client errors that are not the
 * everyday ones at info, everything else at debug. Fastify's own request
 * logging (two info lines per request, the pages' calls to their own API
 * among them) buried what mattered at the default level.
 */
export interface RequestLogOptions {
  /** A request slower than this is logged at info. */
  slowMs: number;
}

// Refusals that happen all day and say nothing about the server's health.
const EVERYDAY = new Set([304, 401, 403, 404, 409, 422, 429]);

export function requestLogLevel(statusCode: number, ms: number, slowMs: number): 'error' | 'warn' | 'info' | 'debug' {
  if (statusCode >= 500) return 'error';
  if (ms >= slowMs) return 'info';
  if (statusCode >= 400 && !EVERYDAY.has(statusCode)) return 'info';
  return 'debug';
}

export const requestLogPlugin = fp(
  async (app: FastifyInstance, opts: RequestLogOptions) => {
    app.addHook('onResponse', async (req: FastifyRequest, reply: FastifyReply) => {
      const ms = reply.elapsedTime;
      const level = requestLogLevel(reply.statusCode, ms, opts.slowMs);
      req.log[level](
        { method: req.method, url: req.url, statusCode: reply.statusCode, ms: Math.round(ms * 10) / 10 },
        ms >= opts.slowMs ? 'slow request' : 'request',
      );
    });
  },
  { name: 'request-log' },
);
