import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cacheIntlFormatters } from './cached-intl.ts';

// The build plugin rewrites the registry Paraglide generates: if a new
// Paraglide version writes it differently, this fails instead of the cache
// silently doing nothing.
describe('cached Intl formatters in the message registry', () => {
  const registry = readFileSync(new URL('../paraglide/registry.js', import.meta.url), 'utf8');

  it('leaves no formatter constructed per call', () => {
    const out = cacheIntlFormatters(registry);
    expect(out).not.toBeNull();
    expect(out!.match(/new Intl\.\w+\(locale/g)).toBeNull();
    for (const kind of ['PluralRules', 'NumberFormat', 'DateTimeFormat', 'RelativeTimeFormat'])
      expect(out).toContain(`__kakeraIntlGet('${kind}'`);
  });

  it('formats as before, one formatter per locale and options', async () => {
    const made: string[] = [];
    (globalThis as { __made?: string[] }).__made = made;
    const Real = Intl.PluralRules;
    const source = cacheIntlFormatters(registry)!.replace(
      'new Intl[kind](locale, options)',
      '(made.push(kind), new Intl[kind](locale, options))',
    );
    const mod = (await import(
      /* @vite-ignore */ `data:text/javascript,${encodeURIComponent(`const made = globalThis.__made; ${source}`)}`
    )) as {
      plural: (l: string, n: number, o?: object) => string;
      number: (l: string, n: number, o?: object) => string;
    };
    expect([mod.plural('en', 1), mod.plural('en', 2), mod.plural('en', 5)]).toEqual(['one', 'other', 'other']);
    expect(mod.number('ja', 1234567)).toBe(new Intl.NumberFormat('ja').format(1234567));
    expect(made).toEqual(['PluralRules', 'NumberFormat']);
    expect(Intl.PluralRules).toBe(Real);
  });
});
