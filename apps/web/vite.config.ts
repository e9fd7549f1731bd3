import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { paraglideOptions } from './paraglide.options.js';

// In `vite dev` the API runs separately (node --import tsx apps/api/src/server.ts);
// the browser reaches it through this proxy, the server through INTERNAL_API_URL.
const api = process.env.INTERNAL_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [paraglideVitePlugin(paraglideOptions), sveltekit()],
  server: {
    proxy: {
      '/api': api,
      '/ws': { target: api.replace(/^http/, 'ws'), ws: true },
    },
  },
});
