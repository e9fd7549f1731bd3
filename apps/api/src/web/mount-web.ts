import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';

export type WebHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/**
 * Hands every path outside /api and /ws to SvelteKit's handler. The body
 * parser here is a pass-through: SvelteKit reads the request body itself
 * (form actions), so nothing may consume the stream before it.
 */
export async function mountWeb(app: FastifyInstance, handler: WebHandler) {
  await app.register(async (web) => {
    web.removeAllContentTypeParsers();
    web.addContentTypeParser('*', (_req, _payload, done) => done(null));
    web.route({
      method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      url: '/*',
      schema: { hide: true },
      handler: (request, reply) => {
        reply.hijack();
        handler(request.raw, reply.raw, () => {
          reply.raw.statusCode = 404;
          reply.raw.end('Not found');
        });
      },
    });
  });
}
