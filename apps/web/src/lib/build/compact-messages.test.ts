import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compactMessage, messageHelper } from './compact-messages.ts';
import * as registry from '../paraglide/registry.js';

// The browser build rewrites every message module Paraglide compiles: if a new
// Paraglide version writes them differently, this fails instead of the build
// quietly shipping the long form (or a wrong one).
const dir = new URL('../paraglide/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.js') && f !== '_index.js');
const order = ['ja', 'zh-CN'];
const locales = ['en', ...order];

/** Runs a message module (original or compacted) and returns its message, with `locale` as the current locale. */
function load(code: string, name: string, current: { locale: string }) {
  const runtime = { getLocale: () => current.locale, experimentalStaticLocale: undefined };
  const helper = `const { message } = (() => {${messageHelper('runtime', order)
    .replace(/^import .*$/m, 'const { getLocale } = runtime;')
    .replace('export function message', 'function message')}\nreturn { message };\n})();`;
  const body = code
    .replace(
      /^import \{ getLocale, experimentalStaticLocale \} from '..\/runtime.js';$/m,
      'const { getLocale, experimentalStaticLocale } = runtime;',
    )
    .replace(/^import \* as registry from '..\/registry.js'$/m, '')
    .replace(/^import \{ message \} from .*$/m, helper)
    .replace(/^export \{.*\}$/gm, '')
    .replace(/^export const /gm, 'const ');
  return new Function('runtime', 'registry', `${body}\nreturn ${name};`)(runtime, registry) as (
    inputs?: object,
    options?: { locale?: string },
  ) => string;
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
      const before = load(code, name, current);
      const after = load(compactMessage(code, order)!, name, current);
      for (const locale of locales) {
        current.locale = locale;
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
  });
});
