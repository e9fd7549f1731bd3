import { fileURLToPath } from 'node:url';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

// Browser tests: real servers (global-setup.ts) and Debian's Chromium driven
// by playwright-core. E2E_WORKERS files at a time (default 1; CI runs 2 on 2
// cores), each worker with its own server and database, its files one after
// another: files that run at the same time never share a server.
const workers = Math.max(1, Number(process.env.E2E_WORKERS) || 1);

/**
 * The accessibility file first (about a third of the suite): the other
 * workers' files then fill the time beside it, and the run ends with short
 * files on every worker. The others in vitest's order (longest first when it
 * has timings from an earlier run, else largest first).
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const first = (f: TestSpecification) => (f.moduleId.endsWith('/a11y.test.ts') ? 0 : 1);
    return sorted.sort((a, b) => first(a) - first(b));
  }
}

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'e2e',
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: workers > 1,
    maxWorkers: workers,
    // A worker keeps its module graph, and so its one Chromium (browser.ts),
    // from file to file; each file still opens and closes its own contexts.
    isolate: false,
    sequence: { sequencer: LongestFirst },
    testTimeout: 90_000,
    // The global setup may build the web app (a minute or two on 2 cores).
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    retry: process.env.CI ? 1 : 0,
  },
});
