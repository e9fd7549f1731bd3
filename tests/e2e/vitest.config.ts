import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests: one real server (global-setup.ts) and Debian's Chromium
// driven by playwright-core. Files run one after another: they share the
// server and a browser is heavy on 2 cores.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'e2e',
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 90_000,
    // The global setup may build the web app (a minute or two on 2 cores).
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    retry: process.env.CI ? 1 : 0,
  },
});
