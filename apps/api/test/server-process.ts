import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, migrate } from '@kakera/db';

// The real server in a child process (shutdown.test.ts, restart.test.ts,
// config.test.ts), as `npm start` runs it: the server bundle on plain Node
// (scripts/build-server.mjs), built from the sources once per test file.
// And, for tests about the process rather than the first start, a DATA_DIR
// whose embedded database is already migrated: a copy of one migrated once
// per test file, instead of the migrations in every child. A file that uses
// these calls `afterAll(removeServerFiles)`.

export const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Whether this is the suite's pass on the embedded database. Tests that always
 * run on it, whatever TEST_DATABASE_URL says (a server process on its own
 * DATA_DIR), run in that pass only (`npm test`): in the pass on PostgreSQL
 * they would repeat themselves exactly.
 */
export const embeddedPass = !process.env.TEST_DATABASE_URL;

const made: string[] = [];
/** Removes the bundle and the template made for this file. */
export function removeServerFiles() {
  for (const p of made.splice(0)) rmSync(p, { recursive: true, force: true });
  bundle = null;
  template = null;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Node's arguments that run the server as `npm start` does (scripts/start.mjs): the bundle, with source maps. */
export async function serverArgs(): Promise<string[]> {
  return ['--enable-source-maps', await serverBundle()];
}

let bundle: Promise<string> | null = null;
/** The path of a server bundle built from the sources now (apps/api/dist/, where the bundle's relative paths hold). */
function serverBundle(): Promise<string> {
  bundle ??= new Promise<string>((resolve, reject) => {
    const dist = join(root, 'apps/api/dist');
    // Those of test processes that are gone (stopped before their files' afterAll).
    for (const f of existsSync(dist) ? readdirSync(dist) : []) {
      const pid = /^test-server-(\d+)\.mjs/.exec(f)?.[1];
      if (pid && !alive(Number(pid))) rmSync(join(dist, f), { force: true });
    }
    const out = `apps/api/dist/test-server-${process.pid}.mjs`;
    made.push(join(root, out), join(root, `${out}.map`));
    const child = spawn(process.execPath, [join(root, 'scripts/build-server.mjs'), '--out', out], { cwd: root, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(join(root, out)) : reject(new Error(`scripts/build-server.mjs exited ${code}`))));
  });
  return bundle;
}

let template: Promise<string> | null = null;
/** A new temporary DATA_DIR holding a migrated embedded database (pglite/); the caller removes it. */
export async function migratedDataDir(prefix: string): Promise<string> {
  template ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kakera-datadir-template-'));
    made.push(dir);
    const database = await createDatabase({ kind: 'pglite', dataDir: join(dir, 'pglite') });
    await migrate(database);
    await database.close();
    return dir;
  })();
  const from = await template;
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(from, 'pglite'), join(dataDir, 'pglite'), { recursive: true });
  return dataDir;
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
