import { env } from '$env/dynamic/private';
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { ApiError, apiErrorFromBody } from '$lib/api-error';

/**
 * The one place the web app talks to the API. Every call forwards the
 * browser's cookies and address, and copies the API's Set-Cookie (the
 * session cookie on login, register and logout) back to the browser.
 */
export type Api = ReturnType<typeof createApi>;

type Query = Record<string, string | number | boolean | null | undefined>;

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

/** Parses one Set-Cookie header line. The value is kept as sent (already encoded). */
export function parseSetCookie(line: string): ParsedSetCookie | null {
  const [pair, ...attrs] = line.split(';');
  const eq = pair?.indexOf('=') ?? -1;
  if (!pair || eq <= 0) return null;
  const out: ParsedSetCookie = {
    name: pair.slice(0, eq).trim(),
    value: pair.slice(eq + 1).trim(),
    path: '/',
    httpOnly: false,
    secure: false,
  };
  for (const attr of attrs) {
    const [k = '', ...rest] = attr.split('=');
    const key = k.trim().toLowerCase();
    const val = rest.join('=').trim();
    if (key === 'path' && val) out.path = val;
    else if (key === 'httponly') out.httpOnly = true;
    else if (key === 'secure') out.secure = true;
    else if (key === 'domain' && val) out.domain = val;
    else if (key === 'max-age' && /^-?\d+$/.test(val)) out.maxAge = Number(val);
    else if (key === 'expires') {
      const d = new Date(val);
      if (!Number.isNaN(d.getTime())) out.expires = d;
    } else if (key === 'samesite') {
      const s = val.toLowerCase();
      if (s === 'lax' || s === 'strict' || s === 'none') out.sameSite = s;
    }
  }
  return out;
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

function webHop(event: ApiEvent): { address: string; key: string } | null {
  const hop = (event.platform?.req as { [WEB_HOP]?: unknown } | undefined)?.[WEB_HOP] as { address?: unknown; key?: unknown } | undefined;
  return typeof hop?.address === 'string' && typeof hop.key === 'string' ? { address: hop.address, key: hop.key } : null;
}

export function createApi(event: ApiEvent, fetchImpl: typeof fetch = fetch) {
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

  async function request<T>(method: string, path: string, opts: { query?: Query; body?: unknown } = {}): Promise<T> {
    const url = new URL(apiBaseUrl() + path);
    for (const [k, v] of Object.entries(opts.query ?? {})) {
      if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
    }
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
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }

    let res: Response;
    try {
      res = await fetchImpl(url, { method, headers, body, redirect: 'manual' });
    } catch (cause) {
      throw new ApiError(503, 'internal', `API unreachable: ${(cause as Error).message}`);
    }

    for (const line of res.headers.getSetCookie()) {
      const c = parseSetCookie(line);
      if (c) applySetCookie(event.cookies, c, jar);
    }

    const text = await res.text();
    let json: unknown = undefined;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    if (!res.ok) throw apiErrorFromBody(res.status, json, res.headers.get('retry-after'));
    return json as T;
  }

  return {
    get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
    post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
    patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
    del: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body === undefined ? {} : { body }),
  };
}
