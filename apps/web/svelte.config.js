import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    // build/handler.js is mounted by the Fastify server (apps/api) on the same origin.
    adapter: adapter({ out: 'build', precompress: true }),
    // 'hash': the policy lists the hashes of each page's inline scripts, no
    // nonce, so a page's bytes are the same for every guest and can be sent
    // again from memory (apps/api/src/web/page-cache.ts).
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        // 'unsafe-hashes' plus one hash: the inline style of SvelteKit's own
        // route announcer (#svelte-announcer), nothing else. No 'unsafe-inline'.
        'style-src': ['self', 'unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'frame-ancestors': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
      },
    },
  },
};

export default config;
