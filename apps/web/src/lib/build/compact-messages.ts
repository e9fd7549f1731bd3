import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Paraglide compiles each message into one function per language and a
 * dispatcher that picks one by locale (`if (locale === "ja") return ja_x(inputs)`
 * …), about 90 bytes repeated in every message a page loads. In the browser
 * build this replaces each dispatcher with a call to one shared helper:
 * `export const x = message(en_x, ja_x, zh_cn2_x)`. Same calls, same results
 * (`options.locale` first, then the current locale, then the base language);
 * the server build keeps Paraglide's code.
 *
 * The messages every thread page loads (the layout's, the error page's and the
 * thread page's: `packed`) go one step further: their chunks hold only the
 * base language, `packed(en_x, 17)`, and the other languages are one "locale
 * pack" per language (a chunk of its own), which `loadLocale` (the client
 * hook `init`, before hydration) fetches for a reader in that language. An
 * English reader downloads no Japanese or Chinese text for them; a Japanese
 * reader downloads the English text as well (it is the fallback) and one pack.
 */
export const MESSAGE_HELPER_ID = '\0kakera-message';
/** What app code imports (`loadLocale`); the same module as MESSAGE_HELPER_ID. */
export const MESSAGE_HELPER_PUBLIC_ID = 'virtual:kakera-messages';
const PACK_PREFIX = '\0kakera-locale-pack:';
const VARIANT_QUERY = '?kakera-locale=';

const DISPATCHER =
  /((?:export )?const \w+) = \/\*\* @type \{[^\n]*\*\/ \(\((inputs(?: = \{\})?), options = \{\}\) => \{\n\tconst locale = experimentalStaticLocale \?\? options\.locale \?\? getLocale\(\)\n((?:\tif \(locale === "[\w-]+"\) return \w+\(inputs\)\n)*)\treturn (\w+)\(inputs\)\n\}\);/;
const BRANCH = /\tif \(locale === "([\w-]+)"\) return (\w+)\(inputs\)\n/g;

/**
 * The helper module: `order` lists the languages other than the base one, as
 * the calls pass them. A packed message whose language's pack is not loaded
 * (`m.x({}, { locale })` for a language other than the page's) gives the base
 * language.
 */
export function messageHelper(runtime: string, order: readonly string[]): string {
  const loaders = order.map((l) => `${JSON.stringify(l)}: () => import(${JSON.stringify(PACK_PREFIX + l)})`);
  return `import { getLocale } from ${JSON.stringify(runtime)};
const order = ${JSON.stringify(order)};
const packs = {};
const loaders = { ${loaders.join(', ')} };
/* @__NO_SIDE_EFFECTS__ */
export function message(base, ...others) {
  return (inputs = {}, options = {}) => (others[order.indexOf(options.locale ?? getLocale())] ?? base)(inputs);
}
/* @__NO_SIDE_EFFECTS__ */
export function packed(base, key) {
  return (inputs = {}, options = {}) => (packs[options.locale ?? getLocale()]?.[key] ?? base)(inputs);
}
export async function loadLocale(locale) {
  if (loaders[locale] && !packs[locale]) packs[locale] = (await loaders[locale]()).default;
}
`;
}

/** A locale pack: the given messages' functions for one language, in key order. */
export function localePack(messagesDir: string, names: readonly string[], locale: string): string {
  const lines = names.map((n, i) => `import f${i} from ${JSON.stringify(`${messagesDir}${n}.js${VARIANT_QUERY}${locale}`)};`);
  return `${lines.join('\n')}\nexport default [${names.map((_, i) => `f${i}`).join(', ')}];\n`;
}

/** One language's function of a compiled message module, as a module of its own; null if it has none. */
export function messageVariant(code: string, locale: string, order: readonly string[], registry: string): string | null {
  const match = DISPATCHER.exec(code);
  if (!match) return null;
  const fn = [...match[3]!.matchAll(BRANCH)].find(([, l]) => l === locale && order.includes(l))?.[2];
  if (!fn) return null;
  const start = code.indexOf(`const ${fn} = `);
  const end = code.indexOf('\n};\n', start);
  if (start < 0 || end < 0) return null;
  const declaration = code.slice(start, end + 3);
  const imports = /\bregistry\./.test(declaration) ? `import * as registry from ${JSON.stringify(registry)};\n` : '';
  return `${imports}${declaration}\nexport default ${fn};\n`;
}

/**
 * One compiled message module with its dispatcher replaced; null when it does
 * not have the expected shape or lists other languages than `order` (then it
 * stays as Paraglide wrote it).
 */
export function compactMessage(code: string, order: readonly string[], packKey?: number): string | null {
  const match = DISPATCHER.exec(code);
  if (!match) return null;
  const [whole, declaration, , branches, base] = match;
  const pairs = [...branches!.matchAll(BRANCH)].map(([, locale, fn]) => ({ locale: locale!, fn: fn! }));
  if (pairs.length !== order.length || pairs.some((p, i) => p.locale !== order[i])) return null;
  const call =
    packKey === undefined
      ? `${declaration} = /* @__PURE__ */ message(${[base, ...pairs.map((p) => p.fn)].join(', ')});`
      : `${declaration} = /* @__PURE__ */ packed(${base}, ${packKey});`;
  const helper = packKey === undefined ? 'message' : 'packed';
  return `import { ${helper} } from ${JSON.stringify(MESSAGE_HELPER_ID)};\n${code.replace(whole, call)}`;
}

const IMPORT = /(?:^|[\n;])\s*(?:import|export)\s+(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;
const MESSAGE_USE = /\bm\.([a-zA-Z0-9_]+)\b/g;

/**
 * The messages the given source files use (`m.name`), following their static
 * imports inside `srcDir` (`$lib/…` and relative paths; not `import()`).
 */
export function messagesUsedBy(roots: readonly string[], srcDir: string): string[] {
  const names = new Set<string>();
  const seen = new Set<string>();
  const lib = join(srcDir, 'lib');
  const stack = [...roots];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, name] of source.matchAll(MESSAGE_USE)) names.add(name!);
    for (const [, spec] of source.matchAll(IMPORT)) {
      const base = spec!.startsWith('$lib/') ? join(lib, spec!.slice(5)) : spec!.startsWith('.') ? resolve(dirname(file), spec!) : null;
      if (!base || base.includes('/paraglide/')) continue;
      const found = [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts')].find((f) => existsSync(f) && !f.endsWith('/'));
      if (found && /\.(ts|js|svelte)$/.test(found) && !seen.has(found)) stack.push(found);
    }
  }
  return [...names].sort();
}

export function compactMessages(options: {
  messagesDir: string;
  runtime: string;
  registry: string;
  order: readonly string[];
  /** The messages that go into the locale packs (the others keep every language inline). */
  packed: () => readonly string[];
}): Plugin {
  let keys: Map<string, number> | null = null;
  const packKeys = () => {
    keys ??= new Map(
      options
        .packed()
        .filter((n) => existsSync(`${options.messagesDir}${n}.js`))
        .map((n, i) => [n, i]),
    );
    return keys;
  };
  return {
    name: 'kakera-compact-messages',
    enforce: 'pre',
    applyToEnvironment: (environment) => environment.name === 'client',
    buildStart() {
      keys = null;
    },
    resolveId(id) {
      if (id === MESSAGE_HELPER_PUBLIC_ID) return MESSAGE_HELPER_ID;
      if (id === MESSAGE_HELPER_ID || id.startsWith(PACK_PREFIX)) return id;
      if (id.startsWith(options.messagesDir) && id.includes(VARIANT_QUERY)) return id;
      return null;
    },
    load(id) {
      if (id === MESSAGE_HELPER_ID) return messageHelper(options.runtime, options.order);
      if (id.startsWith(PACK_PREFIX)) return localePack(options.messagesDir, [...packKeys().keys()], id.slice(PACK_PREFIX.length));
      const at = id.indexOf(VARIANT_QUERY);
      if (at > 0 && id.startsWith(options.messagesDir)) {
        const file = id.slice(0, at);
        const out = messageVariant(readFileSync(file, 'utf8'), id.slice(at + VARIANT_QUERY.length), options.order, options.registry);
        if (out === null) this.error(`${file}: no ${id.slice(at + VARIANT_QUERY.length)} function to put in the locale pack`);
        return out;
      }
      return null;
    },
    transform(code, id) {
      if (id.includes(VARIANT_QUERY)) return null;
      const file = id.replace(/\?.*$/, '');
      if (!file.startsWith(options.messagesDir) || file.endsWith('/_index.js')) return null;
      const name = file.slice(options.messagesDir.length).replace(/\.js$/, '');
      const out = compactMessage(code, options.order, packKeys().get(name));
      if (out === null) this.warn(`${file}: not the message shape kakera-compact-messages expects; left as is`);
      return out === null ? null : { code: out, map: null };
    },
  };
}
