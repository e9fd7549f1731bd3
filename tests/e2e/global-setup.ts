import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabase } from './database.ts';
import type { TestProject } from 'vitest/node';

const root = fileURLToPath(new URL('../..', import.meta.url));
const handler = join(root, 'apps/web/build/handler.js');

declare module 'vitest' {
  export interface ProvidedContext {
    /** One server per worker (vitest.config.ts: E2E_WORKERS): worker n (VITEST_POOL_ID) uses the n-th. */
    baseURLs: string[];
    dataDirs: string[];
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer ${url}/api/health within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Builds apps/web when needed, starts the real server (one per worker:
 * E2E_WORKERS) each on a fresh database with demo data, and stops them at the end.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(handler)) {
    console.log('e2e: building the web app (apps/web/build is missing)…');
    const r = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('e2e: `npm run build -w apps/web` failed');
  }
  mkdirSync(join(root, 'test-results'), { recursive: true });
  // The server as `npm start` runs it: bundled (rebuilt here: it takes a tenth of a second), on plain Node.
  // E2E_SERVER_BUNDLED=1 (CI, after `npm run build`) keeps the bundle: two runs side by side must not rewrite it under each other.
  if (process.env.E2E_SERVER_BUNDLED !== '1') {
    const bundled = spawnSync(process.execPath, [join(root, 'scripts/build-server.mjs')], { cwd: root, stdio: 'inherit' });
    if (bundled.status !== 0) throw new Error('e2e: `node scripts/build-server.mjs` failed');
  }
  const workers = Math.max(1, project.config.maxWorkers);
  const started = await Promise.allSettled(Array.from({ length: workers }, (_, i) => startServer(i)));
  const servers = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const stopAll = () => Promise.all(servers.map((s) => s.stop()));
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  project.provide(
    'baseURLs',
    servers.map((s) => s.baseURL),
  );
  project.provide(
    'dataDirs',
    servers.map((s) => s.dataDir),
  );
  return stopAll;
}

async function startServer(index: number): Promise<{ baseURL: string; dataDir: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kakera-e2e-'));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PUBLIC_URL: baseURL,
    ORIGIN: baseURL,
    RATE_LIMIT: 'off',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    SLA_SWEEP_MS: '1000',
    TZ: 'UTC',
  };
  delete env.DATABASE_URL;
  delete env.DEMO_DATA;
  delete env.INTERNAL_API_URL;
  // E2E_DATABASE_URL: run the server on a fresh database of that PostgreSQL
  // server (CI does: the server's own process then does not also run the
  // database, which halves the suite on 2 cores); else the embedded one.
  const database = await freshDatabase(String(index));
  if (database) Object.assign(env, { DATABASE_URL: database.url, DEMO_DATA: '1' });
  const dropDatabase = async () => database?.drop();
  const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'apps/api/dist/server.mjs')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log += chunk.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
    if (process.env.E2E_SERVER_LOG) process.stderr.write(chunk);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let stopping = false;
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`e2e: the server exited unexpectedly (code ${code}, signal ${signal}); its log:\n${log.slice(-6000)}`);
  });
  try {
    await waitForHealth(baseURL, child, () => log, 90_000);
  } catch (e) {
    stopping = true;
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase().catch(() => {});
    throw e;
  }
  console.log(`e2e: server on ${baseURL} (${database ? 'PostgreSQL' : 'embedded database'}, data in ${dataDir})`);

  const stop = async () => {
    stopping = true;
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    // Server errors during the run are worth seeing next to the failures.
    if (/\b(error|unhandled)\b/i.test(log) && process.env.CI) console.log(`e2e: server log tail (${baseURL}):\n${log.slice(-4000)}`);
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase().catch(() => {});
  };
  return { baseURL, dataDir, stop };
}
