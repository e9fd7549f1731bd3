import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';
import type { FastifyInstance } from 'fastify';
import { securityHeaders } from '../plugins/security-headers.ts';
import { createPageCache } from './page-cache.ts';
import { handOver, type WebDispatch } from './web-hop.ts';

export type WebHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/**
 * Hands every path outside /api and /ws to SvelteKit's handler. The body
 * parser here is a pass-through: SvelteKit reads the request body itself
 * (form actions), so nothing may consume the stream before it.
 *
 * The security headers go on the raw response first: SvelteKit's hooks never
 * see static files (`/_app/*`, the favicon), and it adds its own CSP to
 * pages on top. The browser's address goes along for the web app's own API
 * calls (web-hop.ts), with a way to make them without leaving the process.
 *
 * Pages are compressed by the request's Accept-Encoding (brotli at quality 4
 * or gzip: a 50-post thread page is ~98 KB of HTML and ~15 KB gzipped).
 * Static assets are precompressed at build time and sent with their own
 * Content-Encoding, which the compressor leaves alone.
 *
 * Guests' pages (the home page, boards, threads) are kept as sent, in the
 * read cache, and sent again from there (page-cache.ts); guests asking for
 * a page while it is being rendered wait for that render.
 */
export async function mountWeb(app: FastifyInstance, handler: WebHandler, opts: { https: boolean }) {
  const headers = Object.entries(securityHeaders(opts));
  const compress = compression({ threshold: 1024 });
  const pages = createPageCache(app.readCache);
  // The pages' API calls, answered in this process (web-hop.ts).
  const dispatch: WebDispatch = async (r) => {
    const res = await app.inject({
      method: r.method as 'GET',
      url: r.url,
      headers: r.headers,
      ...(r.body !== undefined && { payload: r.body }),
    });
    return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
  };
  await app.register(async (web) => {
    web.removeAllContentTypeParsers();
    web.addContentTypeParser('*', (_req, _payload, done) => done(null));
    web.route({
      method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      url: '/*',
      schema: { hide: true },
      handler: async (request, reply) => {
        reply.hijack();
        for (const [name, value] of headers) reply.raw.setHeader(name, value);
        // sirv pipes static files without an error handler: a file gone between
        // its stat and its read (a rebuild in place) would be an uncaught
        // exception that takes the process down. Fail that one response instead.
        reply.raw.once('pipe', (source: NodeJS.ReadableStream) => source.once('error', () => reply.raw.destroy()));
        const track = await pages.serve(request.raw, reply.raw);
        if (!track) return; // sent from memory
        handOver(request.raw, request.ip, track(dispatch));
        compress(request.raw, reply.raw, () =>
          handler(request.raw, reply.raw, () => {
            reply.raw.statusCode = 404;
            reply.raw.end('Not found');
          }),
        );
      },
    });
  });
}
