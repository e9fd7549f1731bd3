import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './browser.ts';

// The web app's message catalogues: selectors use the words users see,
// taken from the catalogue so that rewording a message does not break a test.
type Catalogue = Record<string, string>;

function load(locale: string): Catalogue {
  const raw = JSON.parse(readFileSync(join(root, 'apps/web/messages', `${locale}.json`), 'utf8')) as Record<string, unknown>;
  const out: Catalogue = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' && !k.startsWith('$')) out[k] = v;
  return out;
}

const cache = new Map<string, Catalogue>();
/** One message, in one locale, without its {placeholders}; throws when the key is missing. */
export function msg(key: string, locale: 'en' | 'ja' | 'zh-CN' = 'en'): string {
  let c = cache.get(locale);
  if (!c) cache.set(locale, (c = load(locale)));
  const v = c[key];
  if (v === undefined) throw new Error(`message ${key} missing from ${locale}.json`);
  return v;
}

/** An exact, whole-string matcher for a message (placeholders match anything). */
export function msgRe(key: string, locale: 'en' | 'ja' | 'zh-CN' = 'en'): RegExp {
  const parts = msg(key, locale)
    .split(/\{[^}]+\}/)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^\\s*${parts.join('.*')}\\s*$`);
}
