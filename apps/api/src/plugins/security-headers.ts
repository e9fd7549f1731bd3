import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The one header policy: every answer — API, pages, static files — carries
 * these. The Content-Security-Policy is the exception: the API's is below,
 * pages get SvelteKit's, which lists the hashes of each page's inline scripts
 * (apps/web/svelte.config.js, mode 'hash': no nonce, so a guest's page can be
 * sent again as it is, apps/api/src/web/page-cache.ts).
 *
 * HSTS only when the public address is https: sent over plain http it is
 * ignored at best, and at worst pins a browser to https on a host that has
 * none (a trial on a LAN name).
 */
export function securityHeaders(opts: { https: boolean }): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    // Nothing in Kakera needs these; a script that got in cannot ask for them either.
    'permissions-policy':
      'accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()',
    ...(opts.https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** The API answers JSON: nothing in it may load, run or be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** The policy on every API answer, errors and 404s included (set before anything can fail). */
export const securityHeadersPlugin = fp(async (app: FastifyInstance, opts: { https: boolean }) => {
  const headers = { ...securityHeaders(opts), 'content-security-policy': API_CONTENT_SECURITY_POLICY };
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
});
