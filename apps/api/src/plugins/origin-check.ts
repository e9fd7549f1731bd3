import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sendError } from './error-handler.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard for the cookie-authenticated API:
 * a state-changing request that a browser sends from another site carries
 * that site's Origin (or Sec-Fetch-Site: cross-site) and is refused.
 * Requests without either (curl, server-side rendering) carry no cookie
 * a third party could have planted, so they pass.
 */
export const originCheckPlugin = fp(async (app: FastifyInstance, opts: { publicUrl: string }) => {
  const allowed = new URL(opts.publicUrl).origin;
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE.has(request.method)) return;
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    const sameHost = origin && request.headers.host && origin === `${request.protocol}://${request.headers.host}`;
    if ((origin && origin !== allowed && !sameHost) || site === 'cross-site') {
      return sendError(reply, 'origin_mismatch', 'Cross-site request refused');
    }
  });
});
