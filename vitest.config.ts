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
          // Pure functions, no mocks: one module graph per worker, not per file
          // (the unit files' CPU time: 42 s -> 17 s on 2 cores).
          isolate: false,
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
          // Each worker runs its files one after another in one module graph,
          // instead of a new one per file: the app's modules are imported, and
          // PGlite's migrated template made (packages/db/src/testing.ts), once
          // per worker rather than once per file. Every file still gets its own
          // fresh database and closes what it opens; no test mocks modules or
          // changes process.env. On 2 cores this took the API files' CPU time to
          // about 40 % (twelve small files: 172 s of CPU -> 67 s).
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
