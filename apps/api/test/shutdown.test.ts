import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { embeddedPass, freePort, migratedDataDir, removeServerFiles, root, serverArgs } from './server-process.ts';

// The real server in a child process: a shutdown ends within its deadline
// whatever standard output is (a pipe nobody reads, a pipe whose reader has
// gone) and even when the main thread is stuck for good; a promise nobody awaits is
// logged and counted while the server goes on serving; an exception nobody
// catches is logged and ends the process within the same deadline. Always
// PGlite, in the suite's pass on it (embeddedPass): this is about the process,
// not the database — so each server starts on an embedded database that is
// already migrated (server-process.ts); a first start is restart.test.ts's.

const preload = fileURLToPath(new URL('./process-faults.preload.mjs', import.meta.url));
/** SHUTDOWN_TIMEOUT_MS in these tests: a real deadline, so a few seconds. */
const DEADLINE_MS = 3000;
/** Scheduling slack for a loaded machine: what a test allows beyond the deadline. */
const SLACK_MS = 2500;

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  removeServerFiles();
});

interface Server {
  child: ChildProcess;
  url: string;
  /** Everything read from stdout and stderr so far (stdout only when it is read). */
  output: () => string;
  /** Resolves with how the process ended and how long after `since` (ms), or null if it is still alive after `ms`. */
  exited: (since: number, ms: number) => Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number } | null>;
}

/** stdout: read by the test; a pipe nobody reads, which fills up; or a pipe whose reader closed it before the server started. */
async function start(opts: {
  stdout: 'read' | 'unread' | 'closed';
  faults?: string[];
  logLevel?: string;
  demo?: boolean;
}): Promise<Server> {
  const dataDir = await migratedDataDir('kakera-shutdown-');
  dirs.push(dataDir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PUBLIC_URL: url,
    RATE_LIMIT: 'off',
    DEMO_DATA: opts.demo ? '1' : '0',
    LOG_LEVEL: opts.logLevel ?? 'info',
    SHUTDOWN_TIMEOUT_MS: String(DEADLINE_MS),
    ...(opts.faults && { KAKERA_TEST_FAULTS: opts.faults.join(',') }),
  };
  for (const k of ['DATABASE_URL', 'TEST_DATABASE_URL', 'SESSION_SECRET']) delete env[k];
  const args = [...(opts.faults ? ['--import', preload] : []), ...(await serverArgs())];
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  // Not reading stdout leaves it a pipe that fills up and then takes nothing more.
  if (opts.stdout === 'read') child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  if (opts.stdout === 'closed') child.stdout!.destroy();
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${out}`);
    if (Date.now() > deadline) throw new Error(`server did not come up: ${out}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    url,
    output: () => out,
    exited: async (since, ms) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
      const end = await Promise.race([ended, late]);
      clearTimeout(timer);
      return end && { code: end.code, signal: end.signal, afterMs: end.at - since };
    },
  };
}

/** Log lines of at least `bytes` in all: every request is logged twice, with its URL. */
async function log(url: string, bytes: number) {
  const pad = 'x'.repeat(6000);
  for (let sent = 0; sent < bytes;) {
    await Promise.all(Array.from({ length: 10 }, () => fetch(`${url}/api/no-such-route?pad=${pad}`).then((r) => r.arrayBuffer())));
    sent += 10 * 2 * pad.length;
  }
}

async function health(url: string): Promise<{ unhandledRejections: number; droppedLogLines: number }> {
  return (await fetch(`${url}/api/health`)).json() as Promise<{ unhandledRejections: number; droppedLogLines: number }>;
}

describe.runIf(embeddedPass)('shutdown within its deadline', () => {
  it('with stdout a pipe that nobody reads (full)', async () => {
    const server = await start({ stdout: 'unread' });
    // Far more than a pipe holds (64 KiB to a few hundred KiB), so that writes to stdout are refused.
    await log(server.url, 4 * 1024 * 1024);
    const since = Date.now();
    server.child.kill('SIGTERM');
    const end = await server.exited(since, DEADLINE_MS + SLACK_MS);
    expect(end, 'still running after the deadline').not.toBeNull();
    expect(end).toMatchObject({ code: 0 });
    expect(end!.afterMs).toBeLessThan(DEADLINE_MS + SLACK_MS);
  }, 120_000);

  it('with stdout a pipe whose reader has gone (closed), also while it printed the demo logins', async () => {
    const server = await start({ stdout: 'closed', demo: true });
    await log(server.url, 256 * 1024);
    expect((await health(server.url)).droppedLogLines).toBeGreaterThan(0);
    const since = Date.now();
    server.child.kill('SIGTERM');
    const end = await server.exited(since, DEADLINE_MS + SLACK_MS);
    expect(end, `still running after the deadline: ${server.output()}`).not.toBeNull();
    expect(end).toMatchObject({ code: 0 });
    // Standard error said nothing about it: a closed stdout is not a crash.
    expect(server.output()).not.toMatch(/EPIPE|Error/);
  }, 120_000);

  it('with the main thread stuck for good while exiting: killed at the deadline', async () => {
    const server = await start({ stdout: 'read', faults: ['block-exit'] });
    const since = Date.now();
    server.child.kill('SIGTERM');
    const end = await server.exited(since, DEADLINE_MS + SLACK_MS);
    expect(end, 'still running after the deadline').not.toBeNull();
    expect(end, JSON.stringify(end)).toMatchObject({ signal: 'SIGKILL' });
    expect(end!.afterMs).toBeGreaterThanOrEqual(DEADLINE_MS - 100);
  }, 120_000);
});

describe.runIf(embeddedPass)('failures nobody owns', () => {
  it('unhandled rejections are logged and counted while the server keeps serving; an uncaught exception is logged and ends it within the deadline', async () => {
    const server = await start({ stdout: 'read', faults: ['rejection', 'rejection', 'exception'] });
    expect((await health(server.url)).unhandledRejections).toBe(0);
    let figures: Awaited<ReturnType<typeof health>> | null;
    for (const expected of [1, 2]) {
      server.child.kill('SIGUSR2');
      do figures = await health(server.url).catch(() => null);
      while (figures && figures.unhandledRejections < expected);
      expect(figures, `the server died: ${server.output()}`).not.toBeNull();
      expect(figures!.unhandledRejections).toBe(expected);
    }
    expect((await fetch(`${server.url}/api/categories`)).status).toBe(200);
    const since = Date.now();
    server.child.kill('SIGUSR2');
    const end = await server.exited(since, DEADLINE_MS + SLACK_MS);
    expect(end, 'still running after the deadline').not.toBeNull();
    expect(end).toMatchObject({ code: 1, signal: null });
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string; err?: { message: string } });
    const rejections = lines.filter((l) => l.err?.message === 'test fault: a promise nobody awaits');
    expect(rejections).toHaveLength(2);
    expect(rejections[0]).toMatchObject({ level: 50, msg: expect.stringContaining('unhandled promise rejection') });
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 60, err: expect.objectContaining({ message: 'test fault: an exception nobody catches' }) }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'shutting down' }));
  }, 120_000);
});
