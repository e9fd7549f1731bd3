import type { Plugin } from 'vite';

/**
 * Paraglide compiles each message into one function per language and a
 * dispatcher that picks one by locale (`if (locale === "ja") return ja_x(inputs)`
 * …), about 90 bytes repeated in every message a page loads. In the browser
 * build this replaces each dispatcher with a call to one shared helper:
 * `export const x = message(en_x, ja_x, zh_cn2_x)`. Same calls, same results
 * (`options.locale` first, then the current locale, then the base language);
 * the server build keeps Paraglide's code.
 */
export const MESSAGE_HELPER_ID = '\0kakera-message';

const DISPATCHER =
  /((?:export )?const \w+) = \/\*\* @type \{[^\n]*\*\/ \(\((inputs(?: = \{\})?), options = \{\}\) => \{\n\tconst locale = experimentalStaticLocale \?\? options\.locale \?\? getLocale\(\)\n((?:\tif \(locale === "[\w-]+"\) return \w+\(inputs\)\n)*)\treturn (\w+)\(inputs\)\n\}\);/;
const BRANCH = /\tif \(locale === "([\w-]+)"\) return (\w+)\(inputs\)\n/g;

/** The helper module: `order` lists the languages other than the base one, as the calls pass them. */
export function messageHelper(runtime: string, order: readonly string[]): string {
  return `import { getLocale } from ${JSON.stringify(runtime)};
const order = ${JSON.stringify(order)};
/* @__NO_SIDE_EFFECTS__ */
export function message(base, ...others) {
  return (inputs = {}, options = {}) => (others[order.indexOf(options.locale ?? getLocale())] ?? base)(inputs);
}
`;
}

/**
 * One compiled message module with its dispatcher replaced; null when it does
 * not have the expected shape or lists other languages than `order` (then it
 * stays as Paraglide wrote it).
 */
export function compactMessage(code: string, order: readonly string[]): string | null {
  const match = DISPATCHER.exec(code);
  if (!match) return null;
  const [whole, declaration, , branches, base] = match;
  const pairs = [...branches!.matchAll(BRANCH)].map(([, locale, fn]) => ({ locale: locale!, fn: fn! }));
  if (pairs.length !== order.length || pairs.some((p, i) => p.locale !== order[i])) return null;
  const call = `${declaration} = /* @__PURE__ */ message(${[base, ...pairs.map((p) => p.fn)].join(', ')});`;
  return `import { message } from ${JSON.stringify(MESSAGE_HELPER_ID)};\n${code.replace(whole, call)}`;
}

export function compactMessages(options: { messagesDir: string; runtime: string; order: readonly string[] }): Plugin {
  return {
    name: 'kakera-compact-messages',
    applyToEnvironment: (environment) => environment.name === 'client',
    resolveId(id) {
      return id === MESSAGE_HELPER_ID ? id : null;
    },
    load(id) {
      return id === MESSAGE_HELPER_ID ? messageHelper(options.runtime, options.order) : null;
    },
    transform(code, id) {
      const file = id.replace(/\?.*$/, '');
      if (!file.startsWith(options.messagesDir) || file.endsWith('/_index.js')) return null;
      const out = compactMessage(code, options.order);
      if (out === null) this.warn(`${file}: not the message shape kakera-compact-messages expects; left as is`);
      return out === null ? null : { code: out, map: null };
    },
  };
}
