import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Conditional GETs for the API: every successful JSON answer carries a weak
 * ETag (a hash of the body), and a request whose `If-None-Match` names it gets
 * `304 Not Modified` with no body. A thread or a list that has not changed
 * since the reader last fetched it (a tab coming back, a poll) then costs a
 * few bytes on the wire instead of the whole page of posts. The body is still
 * made to compare it: the saving is the transfer and the client's parsing.
 *
 * Answers depend on who asks (the `can` flags, staff-only fields), so they
 * are marked `private` (no shared cache keeps them) and `no-cache` (a browser
 * asks again every time, with the ETag). Routes that set their own
 * Cache-Control (attachments: immutable) keep it. A route whose every answer
 * differs (the staff queue carries the server's `now`) sets `config.etag:
 * false`: a tag that can never match is only a hash of the body per request.
 */
export function etagOf(body: string | Buffer): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

export function matches(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  // Weak comparison (RFC 9110 §13.1.2): W/"x" and "x" name the same version.
  const bare = tag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v.replace(/^W\//, '') === bare;
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: this GET route's answers never repeat, so they carry no ETag (the default is one). */
    etag?: boolean;
  }
}

export const etagPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onSend', async (request, reply, payload) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // streams (files) are not hashed
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'private, no-cache');
    if (request.routeOptions.config.etag === false) return payload;
    // The read cache sends an answer with the tag it was first sent with.
    const known = reply.getHeader('etag');
    const tag = typeof known === 'string' ? known : etagOf(payload);
    reply.header('etag', tag);
    if (matches(request.headers['if-none-match'], tag)) {
      reply.code(304);
      reply.removeHeader('content-length');
      return '';
    }
    return payload;
  });
});
