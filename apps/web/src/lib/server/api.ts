import { env } from '$env/dynamic/private';
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { parseSetCookie as parseSetCookies, type Cookie } from 'set-cookie-parser';
import { createApiClient, type ApiClient } from '$lib/api/client';

/**
 * The one place the web app talks to the API, through the typed client
 * ($lib/api/client.ts, generated from the API's OpenAPI document). Every call
 * forwards the browser's cookies and address, and copies the API's Set-Cookie
 * (the session cookie on login, register and logout) back to the browser.
 */
export type Api = ApiClient;

export function apiBaseUrl(): string {
  return (env.INTERNAL_API_URL || `http://127.0.0.1:${env.PORT || 3000}`).replace(/\/$/, '');
}

export interface ParsedSetCookie {
  name: string;
  value: string;
  path: string;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: 'lax' | 'strict' | 'none';
  maxAge?: number;
  expires?: Date;
  domain?: string;
}

/** One parsed Set-Cookie (set-cookie-parser) as the cookie jar uses it; null when it names no cookie. */
function toParsed(c: Cookie): ParsedSetCookie | null {
  if (!c.name) return null;
  const sameSite = c.sameSite?.toLowerCase();
  return {
    name: c.name,
    value: c.value,
    path: c.path || '/',
    httpOnly: c.httpOnly === true,
    secure: c.secure === true,
    ...(sameSite === 'lax' || sameSite === 'strict' || sameSite === 'none' ? { sameSite } : {}),
    ...(c.maxAge !== undefined && Number.isFinite(c.maxAge) ? { maxAge: c.maxAge } : {}),
    ...(c.expires && !Number.isNaN(c.expires.getTime()) ? { expires: c.expires } : {}),
    ...(c.domain ? { domain: c.domain } : {}),
  };
}

/** Parses one Set-Cookie header line. The value is kept as sent (already encoded). */
export function parseSetCookie(line: string): ParsedSetCookie | null {
  const [cookie] = parseSetCookies(line, { decodeValues: false, split: false });
  return cookie ? toParsed(cookie) : null;
}

function isDeletion(c: ParsedSetCookie, now: number): boolean {
  return (c.maxAge !== undefined && c.maxAge <= 0) || (c.expires !== undefined && c.expires.getTime() <= now) || c.value === '';
}

function applySetCookie(cookies: Cookies, c: ParsedSetCookie, jar: Map<string, string>): void {
  const opts = {
    path: c.path,
    httpOnly: c.httpOnly,
    secure: c.secure,
    ...(c.sameSite ? { sameSite: c.sameSite } : {}),
    ...(c.domain ? { domain: c.domain } : {}),
    // The API already encoded the value; pass it through untouched.
    encode: (v: string) => v,
  };
  if (isDeletion(c, Date.now())) {
    cookies.delete(c.name, opts);
    jar.delete(c.name);
  } else {
    cookies.set(c.name, c.value, {
      ...opts,
      ...(c.maxAge !== undefined ? { maxAge: c.maxAge } : {}),
      ...(c.expires ? { expires: c.expires } : {}),
    });
    jar.set(c.name, c.value);
  }
}

function parseCookieHeader(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) jar.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return jar;
}

type ApiEvent = Pick<RequestEvent, 'request' | 'cookies' | 'getClientAddress' | 'url'> & { platform?: App.Platform | undefined };

/*
 * Mounted in the API server (apps/api/src/web/mount-web.ts), this app is
 * handed the browser's address as the server worked it out (TRUST_PROXY
 * applied) and a key that makes the API believe it; the names match
 * apps/api/src/web/web-hop.ts. adapter-node's getClientAddress() would give
 * the proxy's address behind a proxy, so it is only the fallback (`vite dev`).
 */
const WEB_HOP = Symbol.for('kakera.webHop');
const WEB_HOP_KEY_HEADER = 'x-kakera-web-key';
const WEB_HOP_ADDRESS_HEADER = 'x-kakera-client-address';

/** The mounting server's own door to its API (apps/api/src/web/web-hop.ts: WebDispatch). */
type Dispatch = (req: {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}) => Promise<{ status: number; headers: Record<string, string | string[] | number | undefined>; body: Uint8Array }>;

function webHop(event: ApiEvent): { address: string; key: string; dispatch?: Dispatch } | null {
  const hop = (event.platform?.req as { [WEB_HOP]?: unknown } | undefined)?.[WEB_HOP] as
    { address?: unknown; key?: unknown; dispatch?: unknown } | undefined;
  if (typeof hop?.address !== 'string' || typeof hop.key !== 'string') return null;
  return { address: hop.address, key: hop.key, ...(typeof hop.dispatch === 'function' && { dispatch: hop.dispatch as Dispatch }) };
}

/** A call answered in-process, as the Response a fetch would have given. */
async function dispatched(dispatch: Dispatch, url: URL, init: { method: string; headers: Record<string, string>; body?: string | Buffer }) {
  const res = await dispatch({
    method: init.method,
    url: url.pathname + url.search,
    headers: init.headers,
    ...(init.body !== undefined && { body: init.body }),
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, String(one));
  }
  const empty = res.status === 204 || res.status === 304 || init.method === 'HEAD';
  return new Response(empty ? null : (res.body as BodyInit), { status: res.status, headers });
}

export function createApi(event: ApiEvent, fetchImpl: typeof fetch = fetch): Api {
  // Cookies as the API should see them in this request: the browser's, updated
  // by any Set-Cookie already answered (so a call after login is logged in).
  const jar = parseCookieHeader(event.request.headers.get('cookie'));
  const hop = webHop(event);
  let clientAddress: string | undefined = hop?.address;
  const address = () => {
    if (clientAddress === undefined) {
      try {
        clientAddress = event.getClientAddress();
      } catch {
        clientAddress = '';
      }
    }
    return clientAddress;
  };

  /** How the typed client's requests travel: with this browser's cookies and address, and its Set-Cookie back. */
  async function send(request: Request): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookie) headers.cookie = cookie;
    const ip = address();
    if (ip) headers['x-forwarded-for'] = ip;
    if (hop) {
      headers[WEB_HOP_KEY_HEADER] = hop.key;
      headers[WEB_HOP_ADDRESS_HEADER] = hop.address;
    }
    const ua = event.request.headers.get('user-agent');
    if (ua) headers['user-agent'] = ua;
    // No Origin header: SvelteKit has already checked the browser's Origin for
    // this form post, and the API lets server-side calls without one through.
    // Uploads (POST /api/attachments) go as the multipart body the client built, bytes untouched; everything else is JSON.
    const type = request.headers.get('content-type') ?? '';
    const multipart = type.startsWith('multipart/form-data');
    const body = request.body ? (multipart ? Buffer.from(await request.arrayBuffer()) : await request.text()) : undefined;
    if (body !== undefined) headers['content-type'] = multipart ? type : 'application/json';

    // Inside the API server, the call never leaves the process (same routes, same checks); else over HTTP.
    const res = hop?.dispatch
      ? await dispatched(hop.dispatch, new URL(request.url), { method: request.method, headers, ...(body !== undefined && { body }) })
      : await fetchImpl(new URL(request.url), { method: request.method, headers, body, redirect: 'manual' });
    for (const c of parseSetCookies(res, { decodeValues: false })) {
      const parsed = toParsed(c);
      if (parsed) applySetCookie(event.cookies, parsed, jar);
    }
    return res;
  }

  return createApiClient({ baseUrl: apiBaseUrl(), fetch: send });
}
