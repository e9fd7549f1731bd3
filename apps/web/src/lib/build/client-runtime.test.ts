import { describe, expect, it } from 'vitest';
import { clientRuntimeCode } from './client-runtime.ts';
import { paraglideOptions } from '../../../paraglide.options.js';

const options = { locales: ['en', 'ja', 'zh-CN'], baseLocale: 'en', strategy: paraglideOptions.strategy };

interface Runtime {
  getLocale(): string;
  toLocale(value: unknown): string | undefined;
  isLocale(value: unknown): boolean;
  defineCustomClientStrategy(name: string, handler: { getLocale(): string | undefined; setLocale(): void }): void;
  locales: readonly string[];
  baseLocale: string;
}

/** Runs the browser runtime with the given navigator languages. */
function load(languages: string[] = []): Runtime {
  const body = clientRuntimeCode(options)
    .replace(/^export (const|function|let) (\w+)/gm, '$1 $2')
    .replace('globalThis.navigator', 'navigator');
  const names = ['getLocale', 'toLocale', 'isLocale', 'defineCustomClientStrategy', 'locales', 'baseLocale'];
  return new Function('navigator', `${body}\nreturn { ${names.join(', ')} };`)({ languages }) as Runtime;
}

describe("the browser build's Paraglide runtime", () => {
  it('takes the locale from the custom strategy (the page’s <html lang>) first', () => {
    const runtime = load(['zh-CN']);
    let lang = 'ja';
    runtime.defineCustomClientStrategy('custom-kakera', { getLocale: () => runtime.toLocale(lang), setLocale: () => {} });
    expect(runtime.getLocale()).toBe('ja');
    lang = 'ZH-cn';
    expect(runtime.getLocale()).toBe('zh-CN');
    // an unknown language: the strategy has none, so the browser's languages, then the base language
    lang = 'fr';
    expect(runtime.getLocale()).toBe('zh-CN');
    expect(load(['fr', 'ja-JP']).getLocale()).toBe('ja');
    expect(load(['fr']).getLocale()).toBe('en');
  });

  it('matches locales as Paraglide does', () => {
    const runtime = load();
    expect(runtime.toLocale('zh-cn')).toBe('zh-CN');
    expect(runtime.toLocale('de')).toBeUndefined();
    expect(runtime.toLocale(3)).toBeUndefined();
    expect(runtime.isLocale('ja')).toBe(true);
    expect(runtime.isLocale('JA')).toBe(false);
    expect(runtime.locales).toEqual(['en', 'ja', 'zh-CN']);
  });

  it('refuses a strategy it does not implement', () => {
    expect(() => clientRuntimeCode({ ...options, strategy: ['cookie', 'baseLocale'] })).toThrow(/cookie/);
    expect(() => clientRuntimeCode({ ...options, strategy: ['url', 'baseLocale'] })).toThrow(/url/);
    expect(() => clientRuntimeCode({ ...options, strategy: undefined })).toThrow(/cookie/);
  });
});
