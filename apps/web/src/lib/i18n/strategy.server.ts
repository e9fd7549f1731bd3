import { cookieName, defineCustomServerStrategy, toLocale, type Locale } from '$lib/paraglide/runtime.js';

/**
 * The locale saved on the account, keyed by the incoming request. hooks.server.ts
 * fills it after GET /api/me, before Paraglide's middleware resolves the locale.
 */
const accountLocale = new WeakMap<Request, Locale>();

export function rememberAccountLocale(request: Request, locale: string | null | undefined): void {
  const l = toLocale(locale);
  if (l) accountLocale.set(request, l);
}

export function localeFromCookieHeader(header: string | null): Locale | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === cookieName) return toLocale(decodeURIComponent(rest.join('=')));
  }
  return undefined;
}

// The PARAGLIDE_LOCALE cookie wins, then the account's saved locale; when neither
// gives one, Paraglide falls through to Accept-Language and then English.
defineCustomServerStrategy('custom-kakera', {
  getLocale: (request) => (request ? (localeFromCookieHeader(request.headers.get('cookie')) ?? accountLocale.get(request)) : undefined),
});
