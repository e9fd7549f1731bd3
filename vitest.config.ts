import { defineConfig } from 'vitest/config';

// Two projects: `unit` (rules, no database) and `api`, everything on a real
// database (PGlite, or PostgreSQL when TEST_DATABASE_URL is set): the API
// through Fastify's inject, and core's use cases called directly
// (`*.db.test.ts` beside them). apps/web has its own config.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/api/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          include: ['apps/api/test/**/*.test.ts', 'packages/*/src/**/*.db.test.ts'],
          environment: 'node',
          globalSetup: ['apps/api/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // PGlite runs in-process: a few files at a time keeps memory sane on 2 cores.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
