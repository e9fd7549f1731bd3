import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { paraglideOptions } from './paraglide.options.js';
import { cachedIntlFormatters } from './src/lib/build/cached-intl.ts';
import { clientRuntime } from './src/lib/build/client-runtime.ts';
import { compactMessages, MESSAGE_HELPER_ID, messagesUsedBy } from './src/lib/build/compact-messages.ts';

// In `vite dev` the API runs separately (node --import tsx apps/api/src/server.ts);
// the browser reaches it through this proxy, the server through INTERNAL_API_URL.
const api = process.env.INTERNAL_API_URL ?? 'http://127.0.0.1:3000';

const ROOT_LAYOUT = fileURLToPath(new URL('./src/routes/+layout.svelte', import.meta.url));
const ROOT_LAYOUT_LOAD = fileURLToPath(new URL('./src/routes/+layout.ts', import.meta.url));
const ROOT_ERROR = fileURLToPath(new URL('./src/routes/+error.svelte', import.meta.url));
const THREAD_PAGE = fileURLToPath(new URL('./src/routes/t/[id]/[[slug]]/', import.meta.url));
const APP_SOURCE = fileURLToPath(new URL('./src/', import.meta.url));
const PARAGLIDE = fileURLToPath(new URL('./src/lib/paraglide/', import.meta.url));
const MESSAGES = `${PARAGLIDE}messages/`;
const MESSAGES_BARREL = `${PARAGLIDE}messages.js`;
const MESSAGES_INDEX = `${MESSAGES}_index.js`;
/**
 * Modules outside src/ that the groups below take along when the app's modules
 * import them: SvelteKit's `$app/forms`, `$app/navigation` and `$app/state`, Svelte's version
 * marker, the contracts package (roles), Vite's helper for `import()` and the
 * message helper. SvelteKit's client and Svelte's runtime are chunks of their own.
 */
const TAKEN_ALONG = [
  /[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]app[\\/](forms\.js$|navigation\.js$|state[\\/])/,
  /[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]server[\\/]app\.js$/, // what `$app/state` reads on the server: a stub here
  /[\\/]svelte[\\/]src[\\/]internal[\\/]disclose-version\.js$/,
  /[\\/]packages[\\/]contracts[\\/]src[\\/]/,
];
const takenAlong = (id: string) => id === '\0vite/preload-helper.js' || id === MESSAGE_HELPER_ID || TAKEN_ALONG.some((r) => r.test(id));

const inlang = JSON.parse(readFileSync(new URL('./project.inlang/settings.json', import.meta.url), 'utf8')) as {
  baseLocale: string;
  locales: string[];
};

interface ChunkingContext {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null;
}

/** The app's modules (and their messages) that the given files import statically, the files included. */
function staticClosure(ctx: ChunkingContext, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    if (takenAlong(id)) {
      seen.add(id);
      stack.push(...(ctx.getModuleInfo(id)?.importedIds ?? [])); // only those taken along too are kept
      continue;
    }
    if (!id.startsWith(APP_SOURCE)) continue;
    seen.add(id);
    if (id === MESSAGES_BARREL || id === MESSAGES_INDEX) {
      continue; // re-exports every message: follow only the ones used (below)
    }
    stack.push(...(ctx.getModuleInfo(id)?.importedIds ?? []));
    // `m.name(…)` calls in this module: those messages are part of the closure too.
    if (!id.startsWith(PARAGLIDE)) {
      const source = readFileSync(id.replace(/\?.*$/, ''), 'utf8');
      for (const [, name] of source.matchAll(/\bm\.([a-zA-Z0-9_]+)\b/g)) stack.push(`${MESSAGES}${name}.js`);
    }
  }
  return seen;
}

/**
 * Two chunks instead of the dozens of tiny ones automatic splitting makes (one
 * per set of pages sharing a module): fewer files and fewer bytes after gzip.
 *
 * - `layout`: every page loads the root layout, and SvelteKit fetches the
 *   root error page at start. They, and the app's modules they import
 *   statically (header, footer, live connection, announcer, the messages they
 *   use …); SvelteKit's node files for the two are left re-exporting them.
 * - `thread`: what the thread page (the page most readers land on) shares with
 *   other pages: badges, pager, time, the vote button, `$app/forms` and their
 *   messages. The thread page's own components stay in its node chunk.
 *
 * Modules only some pages use keep being split as usual.
 */
function chunkGroups() {
  let groups: Map<string, string> | null = null;
  const assign = (ctx: ChunkingContext) => {
    const map = new Map<string, string>();
    const layout = staticClosure(ctx, [ROOT_LAYOUT, ROOT_LAYOUT_LOAD, ROOT_ERROR]);
    for (const id of layout) map.set(id, 'layout');
    const page = [`${THREAD_PAGE}+page.svelte`, `${THREAD_PAGE}+page.ts`];
    for (const id of staticClosure(ctx, page)) if (!map.has(id) && !id.startsWith(THREAD_PAGE)) map.set(id, 'thread');
    return map;
  };
  return (id: string, ctx: ChunkingContext): string | null => {
    groups ??= assign(ctx);
    return groups.get(id) ?? null;
  };
}

export default defineConfig({
  plugins: [
    paraglideVitePlugin(paraglideOptions),
    cachedIntlFormatters(),
    clientRuntime({
      runtime: `${PARAGLIDE}runtime.js`,
      locales: inlang.locales,
      baseLocale: inlang.baseLocale,
      strategy: paraglideOptions.strategy,
    }),
    compactMessages({
      messagesDir: MESSAGES,
      runtime: `${PARAGLIDE}runtime.js`,
      registry: `${PARAGLIDE}registry.js`,
      // What every thread page loads: the layout, the error page, the thread page.
      packed: () =>
        messagesUsedBy([ROOT_LAYOUT, ROOT_LAYOUT_LOAD, ROOT_ERROR, `${THREAD_PAGE}+page.svelte`, `${THREAD_PAGE}+page.ts`], APP_SOURCE),
      order: inlang.locales.filter((l) => l !== inlang.baseLocale),
    }),
    sveltekit(),
  ],
  environments: {
    client: {
      build: {
        rolldownOptions: {
          preserveEntrySignatures: 'allow-extension',
          output: {
            codeSplitting: { groups: [{ name: chunkGroups(), includeDependenciesRecursively: false }] },
          },
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': api,
      '/ws': { target: api.replace(/^http/, 'ws'), ws: true },
    },
  },
});
