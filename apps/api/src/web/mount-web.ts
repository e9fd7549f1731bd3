import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { securityHeaders } from '../plugins/security-headers.ts';
import { handOver } from './web-hop.ts';

export type WebHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/**
 * Hands every path outside /api and /ws to SvelteKit's handler. The body
 * parser here is a pass-through: SvelteKit reads the request body itself
 * (form actions), so nothing may consume the stream before it.
 *
 * The security headers go on the raw response first: SvelteKit's hooks never
 * see static files (`/_app/*`, the favicon), and it adds its own CSP to
 * pages on top. The browser's address goes along for the web app's own API
 * calls (web-hop.ts).
 */
export async function mountWeb(app: FastifyInstance, handler: WebHandler, opts: { https: boolean }) {
  const headers = Object.entries(securityHeaders(opts));
  await app.register(async (web) => {
    web.removeAllContentTypeParsers();
    web.addContentTypeParser('*', (_req, _payload, done) => done(null));
    web.route({
      method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      url: '/*',
      schema: { hide: true },
      handler: (request, reply) => {
        reply.hijack();
        for (const [name, value] of headers) reply.raw.setHeader(name, value);
        handOver(request.raw, request.ip);
        handler(request.raw, reply.raw, () => {
          reply.raw.statusCode = 404;
          reply.raw.end('Not found');
        });
      },
    });
  });
}
