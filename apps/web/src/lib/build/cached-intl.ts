import type { Plugin } from 'vite';

/**
 * Paraglide's generated registry.js makes a new Intl.PluralRules,
 * NumberFormat, DateTimeFormat or RelativeTimeFormat on every call: a thread
 * page of 50 posts formats a count or a plural in each, and making these is
 * slow (about 3 ms of a thread page's 22 ms of server time, in a profile of
 * the page on the seeded million-post forum). This keeps one per locale and
 * options, as src/lib/format.ts does for the app's own formatting. The
 * options come from the message catalogue, so the cache stays small.
 */
const HELPER = `const __kakeraIntl = new Map();
function __kakeraIntlGet(kind, locale, options) {
  const key = kind + '|' + locale + '|' + JSON.stringify(options ?? null);
  let f = __kakeraIntl.get(key);
  if (f === undefined) __kakeraIntl.set(key, (f = new Intl[kind](locale, options)));
  return f;
}
`;
const CONSTRUCTION = /new Intl\.(PluralRules|NumberFormat|DateTimeFormat|RelativeTimeFormat)\(locale, (options|intlOptions)\)/g;

/** registry.js with every formatter taken from the cache; null when there was nothing to replace. */
export function cacheIntlFormatters(code: string): string | null {
  const out = code.replace(CONSTRUCTION, "__kakeraIntlGet('$1', locale, $2)");
  return out === code ? null : HELPER + out;
}

export function cachedIntlFormatters(): Plugin {
  return {
    name: 'kakera-cached-intl-formatters',
    transform(code, id) {
      if (!id.replace(/\?.*$/, '').endsWith('/paraglide/registry.js')) return null;
      const out = cacheIntlFormatters(code);
      if (out === null) this.warn('paraglide registry.js has no `new Intl.*(locale, options)` left to cache: check the plugin');
      return out === null ? null : { code: out, map: null };
    },
  };
}
