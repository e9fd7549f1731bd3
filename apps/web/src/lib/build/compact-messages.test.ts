import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compactMessage, localePack, messageHelper, messagesUsedBy, messageVariant } from './compact-messages.ts';
import * as registry from '../paraglide/registry.js';

// The browser build rewrites every message module Paraglide compiles: if a new
// Paraglide version writes them differently, this fails instead of the build
// quietly shipping the long form (or a wrong one).
const dir = new URL('../paraglide/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.js') && f !== '_index.js');
const order = ['ja', 'zh-CN'];
const locales = ['en', ...order];

type Message = (inputs?: object, options?: { locale?: string }) => string;
type Variant = (inputs?: object) => string;

/** Runs a variant module (messageVariant) and returns its function. */
function variant(code: string): Variant {
  const body = code.replace(/^import \* as registry from .*$/m, '').replace(/^export default (\w+);$/m, 'return $1;');
  return new Function('registry', body)(registry) as Variant;
}

/**
 * Runs a message module (original or compacted) and returns its message and
 * the helper's loadLocale, with `current.locale` as the current locale and
 * `packs` as what the locale packs hold.
 */
function load(code: string, name: string, current: { locale: string }, packs: Record<string, Variant[]> = {}) {
  const runtime = { getLocale: () => current.locale, experimentalStaticLocale: undefined };
  const loaders = Object.fromEntries(Object.entries(packs).map(([l, p]) => [l, async () => ({ default: p })]));
  const helper = `const { message, packed, loadLocale } = (() => {${messageHelper('runtime', order)
    .replace(/^import .*$/m, 'const { getLocale } = runtime;')
    .replace(/^const loaders = .*$/m, 'const loaders = testLoaders;')
    .replace(/^export /gm, '')}\nreturn { message, packed, loadLocale };\n})();`;
  const body = code
    .replace(
      /^import \{ getLocale, experimentalStaticLocale \} from '..\/runtime.js';$/m,
      'const { getLocale, experimentalStaticLocale } = runtime;',
    )
    .replace(/^import \* as registry from '..\/registry.js'$/m, '')
    .replace(/^import \{ (message|packed) \} from .*$/m, helper)
    .replace(/^export \{.*\}$/gm, '')
    .replace(/^export const /gm, 'const ');
  const make = new Function(
    'runtime',
    'registry',
    'testLoaders',
    `${body}\nreturn [${name}, typeof loadLocale === "undefined" ? null : loadLocale];`,
  );
  return make(runtime, registry, loaders) as [Message, (locale: string) => Promise<void>];
}

const inputs = new Proxy({}, { get: (_, key) => (typeof key === 'string' ? 3 : undefined) });

describe('compact message modules', () => {
  it('rewrites every compiled message', () => {
    expect(files.length).toBeGreaterThan(100);
    const left = files.filter((f) => compactMessage(readFileSync(new URL(f, dir), 'utf8'), order) === null);
    expect(left).toEqual([]);
  });

  it('gives the same text as Paraglide for every language, by current locale and by options.locale', () => {
    for (const file of files) {
      const code = readFileSync(new URL(file, dir), 'utf8');
      const name = file.replace(/\.js$/, '');
      const current = { locale: 'en' };
      const [before] = load(code, name, current);
      const [after] = load(compactMessage(code, order)!, name, current);
      for (const locale of locales) {
        current.locale = locale;
        expect(after(inputs), `${name} in ${locale}`).toBe(before(inputs));
        current.locale = 'en';
        expect(after(inputs, { locale }), `${name} with { locale: ${locale} }`).toBe(before(inputs, { locale }));
      }
    }
  });

  it('gives the same text from a locale pack once it is loaded, and the base language before', async () => {
    for (const file of files) {
      const code = readFileSync(new URL(file, dir), 'utf8');
      const name = file.replace(/\.js$/, '');
      const current = { locale: 'en' };
      const [before] = load(code, name, current);
      const packs = Object.fromEntries(
        order.map((l) => [l, [() => 'another message', variant(messageVariant(code, l, order, 'registry')!)]]),
      );
      const [after, loadLocale] = load(compactMessage(code, order, 1)!, name, current, packs);
      const english = before(inputs);
      for (const locale of locales) {
        current.locale = locale;
        expect(after(inputs), `${name} in ${locale}, no pack`).toBe(english);
        await loadLocale(locale);
        expect(after(inputs), `${name} in ${locale}`).toBe(before(inputs));
        current.locale = 'en';
        expect(after(inputs, { locale }), `${name} with { locale: ${locale} }`).toBe(before(inputs, { locale }));
      }
    }
  });

  it('leaves a module with other languages than expected as it is', () => {
    const code = readFileSync(new URL(files[0]!, dir), 'utf8');
    expect(compactMessage(code, ['ja'])).toBeNull();
    expect(compactMessage(code, ['zh-CN', 'ja'])).toBeNull();
    expect(compactMessage('export const x = () => "x";', order)).toBeNull();
    expect(messageVariant(code, 'en', order, 'registry')).toBeNull();
  });

  it('lists a locale pack in key order', () => {
    expect(localePack('/m/', ['a', 'b'], 'ja')).toBe(
      'import f0 from "/m/a.js?kakera-locale=ja";\nimport f1 from "/m/b.js?kakera-locale=ja";\nexport default [f0, f1];\n',
    );
  });

  it('finds the messages the thread page uses, through its static imports only', () => {
    const src = fileURLToPath(new URL('../../', import.meta.url));
    const used = messagesUsedBy([`${src}routes/+layout.svelte`, `${src}routes/t/[id]/[[slug]]/+page.svelte`], src);
    // the header (a $lib component), the thread page's own components, a badge's label
    for (const name of ['nav_login', 'posts_heading', 'badge_locked', 'role_fan']) expect(used).toContain(name);
    // the reply form is imported dynamically (thread-parts.ts): its words are not in the pack
    expect(used).not.toContain('reply_submit');
  });
});
