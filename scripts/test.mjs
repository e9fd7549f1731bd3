// `npm test`: unit and API tests (embedded PGlite, or PostgreSQL when
// TEST_DATABASE_URL is set), then the web app's tests. Both always run.
// With TEST_REPORT_DIR set, each also writes a JSON report there (CI sums them).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reportDir = process.env.TEST_REPORT_DIR;
const json = (name) => (reportDir ? ['--reporter=default', '--reporter=json', `--outputFile=${join(reportDir, `${name}.json`)}`] : []);

const runs = [
  ['npx', ['vitest', 'run', '--project', 'unit', '--project', 'api', ...json('unit-api-pglite')]],
  ['npm', ['run', 'test', '-w', 'apps/web', ...(reportDir ? ['--', ...json('web-unit')] : [])]],
];
let failed = false;
for (const [cmd, args] of runs) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
