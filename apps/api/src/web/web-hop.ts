import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/*
 * The web app renders pages and runs form actions by calling this API over
 * HTTP, from this very process. Seen from the API that call comes from
 * 127.0.0.1, so without help every web-form user would share one
 * rate-limit bucket — and whether the API believes an X-Forwarded-For from
 * 127.0.0.1 depends on TRUST_PROXY, which behind a proxy names the proxy.
 *
 * So the web mount hands the web app the address Fastify worked out for the
 * browser's request (`request.ip`, which already applies TRUST_PROXY) with a
 * key made afresh by this process, and the web app sends both back on its
 * API calls. A request carrying the right key is this process's own web app,
 * and its client address is the one it names. Nobody outside the process
 * knows the key, so nobody can choose their address this way.
 */

/** Where mount-web.ts leaves `{ address, key }` on the raw request for the web app (apps/web/src/lib/server/api.ts). */
export const WEB_HOP = Symbol.for('kakera.webHop');
export const WEB_HOP_KEY_HEADER = 'x-kakera-web-key';
export const WEB_HOP_ADDRESS_HEADER = 'x-kakera-client-address';

/**
 * A request to this process's own API, answered without a socket: the web
 * app's calls go through the same routes, hooks, authentication and
 * contracts as over HTTP, minus the TCP round trip and HTTP parsing.
 */
export type WebDispatch = (req: {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** JSON as text; an upload's multipart body as bytes. */
  body?: string | Buffer;
}) => Promise<{ status: number; headers: Record<string, string | string[] | number | undefined>; body: Buffer }>;

declare module 'fastify' {
  interface FastifyRequest {
    /** This process's own web app asked (it showed the key): the read cache tells it how long an answer keeps. */
    fromWebApp: boolean;
  }
}

export interface WebHop {
  address: string;
  key: string;
  dispatch?: WebDispatch;
}

const key = randomBytes(32).toString('base64url');
const keyBytes = Buffer.from(key);

/** Hangs the browser's address, and the proof to go with it, on the request SvelteKit will see. */
export function handOver(raw: IncomingMessage, address: string, dispatch?: WebDispatch): void {
  (raw as IncomingMessage & { [WEB_HOP]?: WebHop })[WEB_HOP] = { address, key, ...(dispatch && { dispatch }) };
}

function fromOwnWebApp(value: string | string[] | undefined): boolean {
  if (typeof value !== 'string') return false;
  const given = Buffer.from(value);
  return given.length === keyBytes.length && timingSafeEqual(given, keyBytes);
}

/** Registered before the routes, so `request.ip` is the browser's address for everything that reads it. */
export const webHopPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('fromWebApp', false);
  app.addHook('onRequest', (request, _reply, done) => {
    const headers = request.headers;
    if (headers[WEB_HOP_KEY_HEADER] !== undefined) {
      const address = headers[WEB_HOP_ADDRESS_HEADER];
      if (fromOwnWebApp(headers[WEB_HOP_KEY_HEADER])) {
        request.fromWebApp = true;
        // Fastify's `ip` is a getter on the prototype; an own property shadows it for this request only.
        if (typeof address === 'string' && isIP(address)) Object.defineProperty(request, 'ip', { value: address, enumerable: true });
      }
      delete headers[WEB_HOP_KEY_HEADER];
      delete headers[WEB_HOP_ADDRESS_HEADER];
    }
    done();
  });
});
