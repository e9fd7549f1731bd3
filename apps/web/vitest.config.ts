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
  },
});
