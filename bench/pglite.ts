// `npm run bench:pglite`: the read rows of quality.md's table on what a
// newcomer runs — the embedded database (PGlite) with the demo data, the
// server as `npm start` runs it (bundled, NODE_ENV=production) — with load
// from a second process (autocannon, 50 connections), beside the framework
// ceiling of the same run. There is no database ceiling here: PGlite lives
// inside the server's process, so nothing else can drive its SQL. As guests
// and, where the read cache cannot help, as a signed-in demo fan. RSS is
// sampled all along.
//
//   npm run bench:pglite             # 10 s of load a row
//   npm run bench:pglite -- --quick  # 3 s a row
//
// Writes the results as JSON to .bench/results/pglite-*.json (and --json FILE).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, DEMO_USERS } from '@kakera/demo';
import { frameworkCeiling, freePort, load, rssMbOf, waitForHealth, type LoadOptions } from './harness.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const JSON_OUT = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const DURATION = Number(process.env.BENCH_LOAD_SECONDS ?? (QUICK ? 3 : 10));
const CONNECTIONS = 50;

const bundle = join(root, 'apps/api/dist/server.mjs');
if (!existsSync(bundle) || !existsSync(join(root, 'apps/web/build/handler.js'))) {
  console.error('bench: building the app (npm run build)…');
  if (spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(os.tmpdir(), 'kakera-bench-pglite-'));
const env: Record<string, string | undefined> = {
  ...process.env,
  NODE_ENV: 'production',
  PORT: String(port),
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  PUBLIC_URL: base,
  ORIGIN: base,
  RATE_LIMIT: 'off',
  LOG_LEVEL: 'warn',
  TZ: 'UTC',
};
delete env.DATABASE_URL;
const server: ChildProcess = spawn(process.execPath, [bundle], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
process.on('exit', () => {
  if (server.exitCode === null) server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});
await waitForHealth(base, server, 120);

const rssMb = () => rssMbOf(server.pid!);
let rssPeak = rssMb();
const sampler = setInterval(() => {
  try {
    rssPeak = Math.max(rssPeak, rssMb());
  } catch {
    // exited
  }
}, 200);
const idleRss = rssMb();

// ── the demo data: its busiest board, its longest thread, a demo fan ───────
const json = async <T>(path: string, init?: RequestInit): Promise<T> => (await (await fetch(`${base}${path}`, init)).json()) as T;
const { categories } = await json<{ categories: { slug: string; threadCount?: number }[] }>('/api/categories');
let board = categories[0]!.slug;
let longest = { id: 0, posts: 0 };
let most = -1;
for (const c of categories) {
  const { threads } = await json<{ threads: { id: number; replyCount: number }[] }>(`/api/categories/${c.slug}/threads?limit=50`);
  if (threads.length > most) [most, board] = [threads.length, c.slug];
  for (const t of threads) if (t.replyCount + 1 > longest.posts) longest = { id: t.id, posts: t.replyCount + 1 };
}
const demoFan = { email: DEMO_USERS.find((u) => u.role === 'fan')!.email, password: DEMO_PASSWORD };
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: base },
  body: JSON.stringify(demoFan),
});
const fanCookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
if (!login.ok || !fanCookie) throw new Error(`bench: the demo fan could not sign in (${login.status})`);

// ── the rows ───────────────────────────────────────────────────────────────
const fw = await frameworkCeiling({ connections: CONNECTIONS, duration: DURATION });
interface Row {
  id: string;
  figure: string;
  budget: string;
  pass: boolean;
  p50: number;
  p99: number;
  rps: number;
  framework: number;
  rssPeakMb: number;
  note?: string;
}
const rows: Row[] = [];
async function http(id: string, figure: string, path: string, budgetMs: number, opts: LoadOptions = {}) {
  rssPeak = rssMb();
  const r = await load(`${base}${path}`, {
    connections: CONNECTIONS,
    duration: DURATION,
    ...opts,
    headers: { origin: base, ...opts.headers },
  });
  const bad = r.errors + r.non2xx;
  // No answer at all within the run is a failure, not a p99 of 0.
  const problem = r.requests === 0 ? 'no request finished within the run' : bad ? `${bad} errors or non-2xx answers` : null;
  rows.push({
    id,
    figure,
    budget: `p99 ≤ ${budgetMs} ms`,
    pass: !problem && r.p99 <= budgetMs,
    p50: r.p50,
    p99: r.p99,
    rps: Math.round(r.rps),
    framework: r.rps / fw.rps,
    rssPeakMb: Math.round(rssPeak),
    ...(problem && { note: problem }),
  });
  console.error(`bench: ${figure}: p99 ${r.p99} ms, ${Math.round(r.rps)}/s`);
}
const fan = { headers: { cookie: fanCookie } };
await http('board-first', `category thread list, JSON, first page (${board}), guest`, `/api/categories/${board}/threads`, 20);
await http('board-first-fan', `the same, signed in`, `/api/categories/${board}/threads`, 20, fan);
await http('thread-json', `the demo's longest thread (${longest.posts} posts), JSON, guest`, `/api/threads/${longest.id}?limit=20`, 20);
await http('thread-json-fan', 'the same, signed in', `/api/threads/${longest.id}?limit=20`, 20, fan);
await http('thread-html', 'thread page, server-rendered HTML (gzip), guest', `/t/${longest.id}`, 50, {
  headers: { 'accept-encoding': 'gzip, br', accept: 'text/html' },
});
await http('search', 'search, a common word "battery", guest', `/api/search?q=battery`, 50);
rows.push({
  id: 'rss',
  figure: 'server memory under the loads above (peak RSS)',
  budget: 'RSS ≤ 400 MB',
  pass: rssPeak <= 400,
  p50: 0,
  p99: 0,
  rps: 0,
  framework: 0,
  rssPeakMb: Math.round(rssPeak),
  note: `idle after start ${Math.round(idleRss)} MB`,
});
clearInterval(sampler);

// ── report ───────────────────────────────────────────────────────────────
const cpu = os.cpus();
const machine = `${cpu.length} × ${cpu[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GB, load average ${os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' ')} at the end`;
const result = {
  at: new Date().toISOString(),
  machine,
  node: process.version,
  database: 'PGlite (embedded), demo data',
  durationSeconds: DURATION,
  connections: CONNECTIONS,
  frameworkCeiling: { rps: Math.round(fw.rps), p99: fw.p99 },
  rows,
};
const dir = join(root, '.bench/results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `pglite-${result.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
if (JSON_OUT) writeFileSync(JSON_OUT, `${JSON.stringify(result, null, 2)}\n`);
console.log(`\n${machine}; PGlite, demo data; ${CONNECTIONS} connections, ${DURATION} s each`);
console.log(`framework ceiling (bare Fastify route): ${Math.round(fw.rps).toLocaleString('en')}/s, p99 ${fw.p99} ms\n`);
console.log('| figure | p50 ms | p99 ms | req/s | % of framework | RSS peak MB | budget | result |');
console.log('|---|--:|--:|--:|--:|--:|---|---|');
for (const r of rows) {
  const timed = r.id !== 'rss';
  console.log(
    `| ${r.figure}${r.note ? ` — ${r.note}` : ''} | ${timed ? r.p50 : '—'} | ${timed ? r.p99 : '—'} | ${timed ? r.rps.toLocaleString('en') : '—'} | ${
      timed ? `${Math.round(r.framework * 100)} %` : '—'
    } | ${r.rssPeakMb} | ${r.budget} | ${r.pass ? 'pass' : '**FAIL**'} |`,
  );
}
console.log(`\nJSON: ${file}`);
process.exit(rows.some((r) => !r.pass) ? 1 : 0);
