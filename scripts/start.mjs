// `npm start`: builds the web app and the server bundle when either is missing
// or older than its sources, then runs the server on plain Node.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const built = join(root, 'apps/web/build/handler.js');

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'paraglide') continue;
    max = Math.max(max, newest(join(path, entry)));
  }
  return max;
}

const sources = ['apps/web/src', 'apps/web/messages', 'apps/web/svelte.config.js', 'apps/web/vite.config.ts', 'packages/contracts/src'];
const stale = !existsSync(built) || Math.max(...sources.map((s) => newest(join(root, s)))) > statSync(built).mtimeMs;
if (stale && existsSync(join(root, 'apps/web/svelte.config.js'))) {
  // Vite's chunk tables and timings mean nothing to someone starting a forum:
  // one line while it builds, the whole output only if the build fails.
  const t0 = Date.now();
  console.log('Building the web app (about a minute the first time)…');
  const r = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}\nThe web app did not build (exit ${r.status}).\n`);
    process.exit(r.status ?? 1);
  }
  console.log(`Built in ${Math.round((Date.now() - t0) / 1000)} s.`);
}

const { buildServer, serverBundle } = await import('./build-server.mjs');
const serverSources = [
  'apps/api/src',
  'packages/core/src',
  'packages/demo/src',
  'packages/db/src',
  'packages/contracts/src',
  'package.json',
  'package-lock.json',
];
if (!existsSync(serverBundle) || Math.max(...serverSources.map((s) => newest(join(root, s)))) > statSync(serverBundle).mtimeMs) {
  await buildServer();
}

const child = spawn(process.execPath, ['--enable-source-maps', serverBundle], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
