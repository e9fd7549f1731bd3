import type { Plugin } from 'vite';

/**
 * Paraglide's runtime.js holds everything its strategies may need (cookies,
 * URL patterns, route strategies, localStorage, server storage …); about
 * 1 KB of it (gzip) stays in every page's JavaScript after tree-shaking. In the
 * browser the app only reads the locale: the server already chose it and wrote
 * it into <html lang> (src/lib/i18n/strategy.client.ts), and switching
 * language posts a form. The browser build therefore gets this runtime instead:
 * the same exports the app's browser code imports (a missing one fails the
 * build), resolving the locale the same way for the strategies the app uses —
 * custom strategies, then `preferredLanguage`, then `baseLocale`. Any other
 * strategy in the options fails the build rather than being ignored.
 */
export function clientRuntimeCode(options: {
  locales: readonly string[];
  baseLocale: string;
  /** Paraglide's `strategy` option (unset: Paraglide's default, which this runtime does not implement). */
  strategy: readonly string[] | undefined;
}): string {
  const strategy = options.strategy ?? ['cookie', 'globalVariable', 'baseLocale'];
  const unsupported = strategy.filter((s) => !/^custom-[A-Za-z0-9_-]+$/.test(s) && s !== 'preferredLanguage' && s !== 'baseLocale');
  if (unsupported.length)
    throw new Error(`client-runtime.ts does not implement the ${unsupported.join(', ')} strategy; use Paraglide's runtime`);
  return `export const baseLocale = ${JSON.stringify(options.baseLocale)};
export const locales = ${JSON.stringify(options.locales)};
export const strategy = ${JSON.stringify(strategy)};
export const experimentalStaticLocale = undefined;
export const isServer = false;
const custom = new Map();
export function defineCustomClientStrategy(name, handler) {
  custom.set(name, handler);
}
export function toLocale(value) {
  if (typeof value !== "string") return undefined;
  const lower = value.toLowerCase();
  return locales.find((l) => l.toLowerCase() === lower);
}
export function isLocale(value) {
  return locales.includes(value);
}
function preferred() {
  for (const tag of globalThis.navigator?.languages ?? []) {
    const locale = toLocale(tag) ?? toLocale(tag.split("-")[0]);
    if (locale) return locale;
  }
}
export function getLocale() {
  for (const s of strategy) {
    const locale = s === "baseLocale" ? baseLocale : s === "preferredLanguage" ? preferred() : custom.get(s)?.getLocale();
    if (locale !== undefined && !(locale instanceof Promise)) {
      const known = toLocale(locale);
      if (known) return known;
      if (s.startsWith("custom-")) throw new Error("Invalid locale: " + locale);
    }
  }
  throw new Error("No locale found");
}
`;
}

export function clientRuntime(options: {
  runtime: string;
  locales: readonly string[];
  baseLocale: string;
  strategy: readonly string[] | undefined;
}): Plugin {
  return {
    name: 'kakera-client-runtime',
    enforce: 'pre',
    applyToEnvironment: (environment) => environment.name === 'client',
    load(id) {
      return id.replace(/\?.*$/, '') === options.runtime ? clientRuntimeCode(options) : null;
    },
  };
}
