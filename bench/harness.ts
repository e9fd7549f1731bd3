import { execFile, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';

export interface LoadResult {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  rps: number;
  requests: number;
  /** Bytes received a response, headers included. */
  bytesPerRequest?: number;
  /** The load process's own CPU a request (ms): on a small machine it shares the cores with the server. */
  clientCpuMs?: number;
  errors: number;
  non2xx: number;
  statusCodes?: Record<string, { count: number }>;
}

const loadScript = fileURLToPath(new URL('./load.mjs', import.meta.url));

export interface LoadOptions {
  connections?: number;
  duration?: number;
  /** A fixed number of requests instead of a duration. */
  amount?: number;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Request n goes to paths[n % len] with cookies[n % len] (load.mjs). */
  rotate?: { paths?: string[]; cookies?: string[] };
}

/** Runs autocannon in a child process against `url` and answers its figures. */
export function load(url: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const args = JSON.stringify({ connections: 50, duration: 10, headers: {}, ...opts, url });
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [loadScript, args], { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`load failed: ${err.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop()!) as LoadResult);
    });
  });
}

/**
 * The framework ceiling of quality.md: a bare Fastify route returning a small
 * JSON object, on this machine, under the same load.
 */
export async function frameworkCeiling(
  opts: { connections?: number; duration?: number; body?: { bytes: Buffer; contentType: string } } = {},
): Promise<LoadResult> {
  const app = Fastify({ logger: false });
  const { body } = opts;
  // With `body`: the same route sending those bytes, for a row whose answers are large (the load's own
  // reading of them, and the kernel's copying, are then much of what the machine can do).
  if (body) app.get('/ping', (_req, reply) => reply.type(body.contentType).send(body.bytes));
  else app.get('/ping', async () => ({ ok: true }));
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    return await load(`${address}/ping`, { connections: opts.connections, duration: opts.duration });
  } finally {
    await app.close();
  }
}

/**
 * Latencies of `run` called by `concurrency` callers at once (a bare-driver
 * loop): `total` calls in all, or as many as fit in `{ seconds }`. Call n
 * (0, 1, 2…) gets n, so that a loop can rotate through actors and targets as
 * the HTTP load does. An error rejects the loop, or with `countErrors` is
 * counted (`errors`) and the call left out of the figures.
 */
export async function loop(
  bound: number | { seconds: number },
  concurrency: number,
  run: (n: number) => Promise<unknown>,
  opts: { countErrors?: boolean } = {},
): Promise<{ p50: number; p99: number; perSecond: number; done: number; errors: number }> {
  const times: number[] = [];
  let started = 0;
  let errors = 0;
  const t0 = process.hrtime.bigint();
  const end = typeof bound === 'number' ? null : t0 + BigInt(Math.round(bound.seconds * 1e9));
  const more = () => (end === null ? started < (bound as number) : process.hrtime.bigint() < end);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (more()) {
        const n = started++;
        const t = process.hrtime.bigint();
        try {
          await run(n);
        } catch (err) {
          if (!opts.countErrors) throw err;
          errors++;
          continue;
        }
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const done = times.length;
  return { p50: done ? percentile(times, 0.5) : 0, p99: done ? percentile(times, 0.99) : 0, perSecond: done / seconds, done, errors };
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}

/** With BENCH_PROFILE=dir, writes a .cpuprofile of this process while `run` goes (open it in Chrome DevTools). */
export async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(`${dir}/${name}.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  }
}

/** A free TCP port on 127.0.0.1, for a server the benchmark starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Waits until the server at `base` answers its health check; throws if it exits first or takes longer than `seconds`. */
export async function waitForHealth(base: string, server: ChildProcess, seconds: number): Promise<void> {
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not yet
    }
    if (i > seconds * 10) throw new Error(`the server did not start within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** CPU seconds (user + system) a process has used, from /proc (Linux's 100 ticks a second). */
export function cpuSecondsOf(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

/**
 * CPU seconds PostgreSQL has used: its postmaster, every live child (the
 * backends, WAL writer, checkpointer…) and the children it has reaped. Its
 * difference over a load divided by the requests is the database's CPU per
 * request.
 */
export function postgresCpuSeconds(postmasterPid: number): number {
  const own = readFileSync(`/proc/${postmasterPid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const f = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(f[1]) === postmasterPid) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}

/** A process's resident memory in MB, from /proc. */
export const rssMbOf = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
