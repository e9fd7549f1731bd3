import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// The message catalogue is compiled by `npm test` (scripts/compile-i18n.mjs)
// before vitest starts; the Paraglide Vite plugin's watcher would keep
// vitest from exiting.
export default defineConfig({
  plugins: [sveltekit()],
  test: {
    name: 'web',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // One module graph per worker, not per file: the files are pure or restore
    // what they stub (vi.unstubAllGlobals). The import time was nearly all of
    // this suite (tests 2 s of CPU, imports 35 s: 56 -> 20 s of CPU in all).
    isolate: false,
  },
});
