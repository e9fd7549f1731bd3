import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { paraglideOptions } from './paraglide.options.js';
import { cachedIntlFormatters } from './src/lib/build/cached-intl.ts';

// In `vite dev` the API runs separately (node --import tsx apps/api/src/server.ts);
// the browser reaches it through this proxy, the server through INTERNAL_API_URL.
const api = process.env.INTERNAL_API_URL ?? 'http://127.0.0.1:3000';

const ROOT_LAYOUT = fileURLToPath(new URL('./src/routes/+layout.svelte', import.meta.url));
const APP_SOURCE = fileURLToPath(new URL('./src/', import.meta.url));
const PARAGLIDE = fileURLToPath(new URL('./src/lib/paraglide/', import.meta.url));
const MESSAGES = `${PARAGLIDE}messages/`;
const MESSAGES_BARREL = `${PARAGLIDE}messages.js`;
const MESSAGES_INDEX = `${MESSAGES}_index.js`;

interface ChunkingContext {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null;
}

/**
 * Every page loads the root layout. The app's own modules that the layout
 * imports statically (header, footer, live connection, announcer, the
 * messages they use …) therefore go into one chunk, instead of the dozen tiny
 * chunks automatic splitting makes of them (one per set of pages sharing
 * them): fewer files and fewer bytes after gzip on every page. Modules only
 * some pages use keep being split as usual.
 */
function layoutChunk() {
  let closure: Set<string> | null = null;
  const walk = (ctx: ChunkingContext) => {
    const seen = new Set<string>();
    const stack = [ROOT_LAYOUT];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id) || !id.startsWith(APP_SOURCE)) continue;
      seen.add(id);
      if (id.startsWith(MESSAGES)) continue;
      if (id === MESSAGES_BARREL || id === MESSAGES_INDEX) {
        continue; // re-exports every message: follow only the ones used (below)
      }
      stack.push(...(ctx.getModuleInfo(id)?.importedIds ?? []));
      // `m.name(…)` calls in this module: those messages are part of the layout too.
      if (!id.startsWith(PARAGLIDE)) {
        const source = readFileSync(id.replace(/\?.*$/, ''), 'utf8');
        for (const [, name] of source.matchAll(/\bm\.([a-z0-9_]+)\(/g)) stack.push(`${MESSAGES}${name}.js`);
      }
    }
    seen.delete(ROOT_LAYOUT);
    return seen;
  };
  return (id: string, ctx: ChunkingContext): string | null => {
    closure ??= walk(ctx);
    return closure.has(id) ? 'layout' : null;
  };
}

export default defineConfig({
  plugins: [paraglideVitePlugin(paraglideOptions), cachedIntlFormatters(), sveltekit()],
  environments: {
    client: {
      build: {
        rolldownOptions: {
          preserveEntrySignatures: 'allow-extension',
          output: {
            codeSplitting: { groups: [{ name: layoutChunk(), includeDependenciesRecursively: false }] },
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
