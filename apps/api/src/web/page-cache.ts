import type { IncomingMessage, ServerResponse } from 'node:http';
import { Locale } from '@kakera/contracts';
import { SESSION_COOKIE } from '../plugins/auth.ts';
import { etagOf, matches } from '../plugins/etag.ts';
import { KEEP_UNTIL_HEADER, type Answer, type Flight, type ReadCache } from '../plugins/read-cache.ts';
import type { WebDispatch } from './web-hop.ts';

/**
 * Guests' pages kept as the bytes that were sent: the home page, a board and
 * a thread, in the read cache (read-cache.ts) next to the JSON they are made
 * of — same drops (any event, any write, 5 s), same generation check, same
 * memory budget (`READ_CACHE_MB`). Rendering a page costs ~20 ms of CPU
 * (SvelteKit and compression) even when its data comes from memory.
 *
 * A page is kept only when every API answer it was made of could be kept
 * (each says until when, `KEEP_UNTIL_HEADER`), and no longer than the
 * soonest of them: a thread page goes when its thread's answer would (its
 * response clock's next change). So a page that reads anything the read
 * cache does not keep (a post's revisions, a board's search) is made afresh
 * every time. Search pages are not kept: a search is rate-limited per
 * address, and each query is rarely asked twice.
 *
 * What picks the page's bytes besides the URL: the language — the
 * PARAGLIDE_LOCALE cookie when it names one of ours, else the Accept-Language
 * header as sent (apps/web/src/lib/i18n/strategy.server.ts: for a guest the
 * locale is a function of these two alone) — and the Accept-Encoding header
 * as sent (the compressor's choice is a function of it). Never kept or
 * served: a request with a session cookie, a method other than GET, an answer
 * other than 200 text/html, one that sets a cookie or says no-store. Pages
 * carry no per-request secret: their CSP lists hashes of their inline
 * scripts (svelte.config.js, mode 'hash'), not a nonce.
 *
 * A page from memory carries `X-Kakera-Cache: hit` and an ETag; a browser
 * asking again with that tag gets 304.
 *
 * One render per missing page at a time (the read cache's `fly`): guests
 * asking for a page that is being rendered for the same key wait for it and
 * are sent it as kept; when it is not one to keep, each renders their own.
 */

export const PAGE_CACHE_HEADER = 'x-kakera-cache';

/** `/`, `/c/:slug`, `/t/:id` and `/t/:id/:slug` (not SvelteKit's `__data.json` for them). */
const KEPT_PATH = /^\/(?:c\/[^/]+|t\/\d+(?:\/[^/]+)?)?$/;
const LOCALE_COOKIE = 'PARAGLIDE_LOCALE';
/** The connection's headers, not the page's (the tag is made from the kept bytes). */
const NOT_KEPT = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'etag', PAGE_CACHE_HEADER]);

/** The locale the cookie names (as the web app reads it: the first cookie of that name), '' for none, null for a session. */
function localeCookie(header: string | undefined): string | null {
  let locale: string | undefined;
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    const name = (i < 0 ? part : part.slice(0, i)).trim();
    if (name === SESSION_COOKIE) return null;
    if (name === LOCALE_COOKIE && locale === undefined) {
      let value = '';
      try {
        value = decodeURIComponent(part.slice(i + 1).trim()).toLowerCase();
      } catch {
        // not a locale
      }
      locale = Locale.options.find((l) => l.toLowerCase() === value) ?? '';
    }
  }
  return locale ?? '';
}

/** The page's key, or null when this request's page is not one to keep. */
export function pageKey(req: IncomingMessage): string | null {
  const url = req.url;
  if (req.method !== 'GET' || !url) return null;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (!KEPT_PATH.test(path) || path.endsWith('/__data.json')) return null;
  const locale = localeCookie(req.headers.cookie);
  if (locale === null) return null;
  const language = locale ? `L:${locale}` : `A:${req.headers['accept-language'] ?? ''}`;
  return `page\n${url}\n${language}\n${req.headers['accept-encoding'] ?? ''}`;
}

function send(req: IncomingMessage, res: ServerResponse, page: Answer): void {
  for (const [name, value] of Object.entries(page.headers ?? {})) res.setHeader(name, value);
  res.setHeader(PAGE_CACHE_HEADER, 'hit');
  if (page.etag) res.setHeader('etag', page.etag);
  if (page.etag && matches(req.headers['if-none-match'], page.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('content-length', page.body.length);
  res.end(page.body);
}

type Wrap = (dispatch: WebDispatch) => WebDispatch;

/** The read cache's note is for the page cache, not for the web app. */
const untracked: Wrap = (dispatch) => async (r) => {
  const answer = await dispatch(r);
  delete answer.headers[KEEP_UNTIL_HEADER];
  return answer;
};

export interface PageCache {
  /**
   * Sends the kept page (or the one another request was rendering for the
   * same key) and returns null; or returns what to wrap the page's API
   * dispatch in, having set up `res` so that the page is kept when it may
   * be. Call before the compressor wraps `res`: what is kept is what is
   * sent, compressed.
   */
  serve(req: IncomingMessage, res: ServerResponse): Promise<Wrap | null>;
}

export function createPageCache(cache: ReadCache): PageCache {
  return {
    async serve(req, res) {
      const key = cache.maxBytes > 0 ? pageKey(req) : null;
      if (!key) return untracked;
      let kept = cache.get(key);
      let flight: Flight | undefined;
      if (!kept) {
        const f = cache.fly(key);
        if ('lead' in f) flight = f.lead;
        else kept = await f.wait;
      }
      if (kept) {
        send(req, res, kept);
        return null;
      }

      const gen = flight?.gen ?? cache.generation();
      const keep = (page?: Answer, until?: number) => (flight ? flight.land(page, until) : page && cache.set(key, gen, page, until));
      // Those waiting go on when this page cannot be kept: not one to keep, an error, a closed connection.
      res.once('close', () => keep());
      let keepable = true;
      let until = Infinity;
      const tracked: Wrap = (dispatch) => async (r) => {
        const answer = await dispatch(r);
        const keep = answer.headers[KEEP_UNTIL_HEADER];
        delete answer.headers[KEEP_UNTIL_HEADER];
        if (r.method !== 'GET' || answer.status !== 200 || typeof keep !== 'string') keepable = false;
        else until = Math.min(until, Number(keep));
        return answer;
      };

      // What the compressor writes, as it leaves.
      const chunks: Buffer[] = [];
      let size = 0;
      const limit = cache.maxBytes / 8;
      const take = (chunk: unknown, encoding: unknown) => {
        if (!keepable || chunk == null || typeof chunk === 'function') return;
        const bytes =
          typeof chunk === 'string'
            ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
            : Buffer.from(chunk as Uint8Array);
        size += bytes.length;
        if (size > limit) keepable = false;
        else chunks.push(bytes);
      };
      const write = res.write;
      const end = res.end;
      res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
        take(chunk, rest[0]);
        return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
      } as ServerResponse['write'];
      res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
        take(chunk, rest[0]);
        return (end as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
      } as ServerResponse['end'];

      res.once('finish', () => {
        if (!keepable || res.statusCode !== 200 || res.hasHeader('set-cookie')) return keep();
        if (!String(res.getHeader('content-type') ?? '').startsWith('text/html')) return keep();
        if (/no-store|private/i.test(String(res.getHeader('cache-control') ?? ''))) return keep();
        const headers: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(res.getHeaders())) {
          if (value !== undefined && !NOT_KEPT.has(name)) headers[name] = Array.isArray(value) ? value.map(String) : String(value);
        }
        const body = Buffer.concat(chunks);
        keep({ body, etag: etagOf(body), headers }, until);
      });
      return tracked;
    },
  };
}
