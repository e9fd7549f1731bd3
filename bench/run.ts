// `npm run bench`: quality.md's table on the seeded million-post forum
// (`npm run bench:seed` first), against the server as `npm start` runs it
// (bundled, NODE_ENV=production) on the benchmark's PostgreSQL, with load
// from a second process (autocannon, bench/load.mjs; the WebSocket followers
// in bench/live-subscribers.mjs). Each figure stands beside the ceilings
// measured in the same run — the framework's (a bare Fastify route) and the
// database's (the endpoint's own core call, its SQL and row mapping, in a
// bare loop with the same concurrency, no HTTP) — and passes or fails its
// budget. The server's RSS is sampled all along.
//
//   npm run bench                 # every row, 10 s of load each
//   npm run bench -- --quick      # 3 s each, 1,000 followers, no sweeper/digest rows
//   npm run bench -- --runs 3     # every HTTP row three times: the median and the spread
//   npm run bench -- --only reply,vote   # only the rows with these ids (ids as in the JSON: board-first,
//                                        # thread-json, search-en, reply, vote, queue, live, page-js, sweeper…)
//   npm run bench -- --waits      # also sample pg_stat_activity every 50 ms during each HTTP row: what
//                                 # the server's connections wait on (lock, LWLock, IO, client), printed per row
//   BENCH_SERVER_PROFILE=DIR npm run bench …   # the server runs with `node --cpu-prof` into DIR (written at its exit)
//   BENCH_SERVER_BUNDLE=apps/api/dist/mine.mjs  # another server bundle (`node scripts/build-server.mjs --out …`)
//
// Writes the results as JSON to .bench/results/ (and to --json FILE).
import { spawn, spawnSync, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  asEventPublisher,
  createReply,
  DEFAULT_POINTS,
  getThread,
  listCategoryThreads,
  resolveSession,
  searchPosts,
  setVote,
  systemClock,
  type Actor,
  type Deps,
} from '@kakera/core';
import { SearchQuery, ThreadListQuery } from '@kakera/contracts';
import { createDatabase, createEventBus, rowsOf } from '@kakera/db';
import { sql } from 'drizzle-orm';
import { benchCookie, BENCH_SESSION_SECRET } from './bench-sessions.ts';
import {
  cpuSecondsOf,
  frameworkCeiling,
  freePort,
  load,
  loop,
  postgresCpuSeconds,
  rssMbOf,
  waitForHealth,
  type LoadOptions,
  type LoadResult,
} from './harness.ts';
// One measure for the bench and for scripts/measure-page-js.mjs: every script Chromium loads, gzip -9.
import { pageJavaScript } from '../scripts/measure-page-js.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const RUNS = args.includes('--runs') ? Math.max(1, Number(args[args.indexOf('--runs') + 1]) || 1) : 1;
const JSON_OUT = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const ONLY = args.includes('--only') ? new Set((args[args.indexOf('--only') + 1] ?? '').split(',')) : null;
const want = (id: string) => !ONLY || ONLY.has(id);
const WAITS = args.includes('--waits');
const SERVER_PROFILE = process.env.BENCH_SERVER_PROFILE;
const DURATION = Number(process.env.BENCH_LOAD_SECONDS ?? (QUICK ? 3 : 10));
const CONNECTIONS = 50;
const FOLLOWERS = QUICK ? 1_000 : 5_000;
const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  console.error('bench: run it as `npm run bench` (scripts/bench-db.sh sets BENCH_DATABASE_URL)');
  process.exit(2);
}

// ── the seeded data ───────────────────────────────────────────────────────
const database = await createDatabase({ kind: 'postgres', url, poolSize: 20 });
const db = database.db;
const [size] = rowsOf<{ posts: number; threads: number }>(
  await db.execute(sql`select (select count(*) from posts)::int as posts, (select count(*) from threads)::int as threads`),
).concat([{ posts: 0, threads: 0 }]);
if (!size || size.posts < 1000) {
  console.error('bench: the benchmark database is empty: run `npm run bench:seed` first');
  process.exit(2);
}
const longThread = rowsOf<{ id: number }>(
  await db.execute(sql`select id from threads where last_position >= 20 order by id desc limit 1`),
)[0]!.id;
const replyThreads = rowsOf<{ id: number }>(
  await db.execute(sql`select id from threads where not locked order by id limit 1000 offset 1000`),
).map((r) => r.id);
const pgDataDir = rowsOf<{ d: string }>(await db.execute(sql`select current_setting('data_directory') as d`))[0]!.d;
const voteIssue = rowsOf<{ key: string }>(await db.execute(sql`select key from issues order by id desc limit 1`))[0]!.key;
const openObligations = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from obligations where status = 'open'`))[0]!
  .n;
const fans = Array.from({ length: 1000 }, (_, k) => benchCookie(1001 + k));
const staffCookie = benchCookie(2);

// ── the server ────────────────────────────────────────────────────────────
const bundle = join(root, process.env.BENCH_SERVER_BUNDLE ?? 'apps/api/dist/server.mjs');
if (!existsSync(bundle) || !existsSync(join(root, 'apps/web/build/handler.js'))) {
  console.error('bench: building the app (npm run build)…');
  if (spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(os.tmpdir(), 'kakera-bench-'));
const server: ChildProcess = spawn(
  process.execPath,
  [...(SERVER_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', SERVER_PROFILE] : []), bundle],
  {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      PUBLIC_URL: base,
      ORIGIN: base,
      SESSION_SECRET: BENCH_SESSION_SECRET,
      RATE_LIMIT: 'off',
      LOG_LEVEL: 'warn',
      WS_MAX_SOCKETS_PER_ADDRESS: '100000',
      TZ: 'UTC',
      DEMO_DATA: '0',
    },
    // Its log (warnings and errors) goes to a file: an overloaded run can write thousands of lines.
    stdio: ['ignore', openSync(join(root, '.bench/server.log'), 'w'), openSync(join(root, '.bench/server.log'), 'a')],
  },
);
const stopServer = () => {
  if (server.exitCode === null) server.kill('SIGTERM');
};
process.on('exit', () => {
  stopServer();
  rmSync(dataDir, { recursive: true, force: true });
});
await waitForHealth(base, server, 60);

// The server's CPU and memory, from /proc; PostgreSQL's CPU too when it runs on this machine (its postmaster.pid readable).
const cpuSeconds = () => cpuSecondsOf(server.pid!);
const postmasterPid = (() => {
  try {
    return Number(readFileSync(join(pgDataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
})();
const dbCpuSeconds = () => (postmasterPid ? postgresCpuSeconds(postmasterPid) : NaN);
const rssMb = () => rssMbOf(server.pid!);
let rssPeak = 0;
const sampler = setInterval(() => {
  try {
    rssPeak = Math.max(rssPeak, rssMb());
  } catch {
    // exited
  }
}, 200);
sampler.unref();

// A start catches up in the background — the history's daily digests, the search index's check of every post
// (a scan that keeps PostgreSQL busy for seconds after the server itself is idle): wait until both are idle.
async function settle(maxSeconds: number) {
  const t0 = Date.now();
  for (;;) {
    const [a, b] = [cpuSeconds(), dbCpuSeconds()];
    await new Promise((r) => setTimeout(r, 2000));
    const busy = (cpuSeconds() - a) / 2;
    const dbBusy = (dbCpuSeconds() - b) / 2;
    if ((busy < 0.1 && !(dbBusy >= 0.1)) || Date.now() - t0 > maxSeconds * 1000)
      return { seconds: (Date.now() - t0) / 1000, busy, ...(Number.isFinite(dbBusy) && { dbBusy }) };
  }
}
console.error('bench: waiting for the server and PostgreSQL to settle (a first start stores the history’s daily digests)…');
const settled = await settle(600);
console.error(
  `bench: settled after ${Math.round(settled.seconds)} s (CPU in the last 2 s: server ${settled.busy.toFixed(2)}, PostgreSQL ${settled.dbBusy?.toFixed(2)})`,
);
const idleRss = rssMb();

// ── rows ──────────────────────────────────────────────────────────────────
interface Row {
  id: string;
  figure: string;
  budget: string;
  pass: boolean | null;
  p50?: number | undefined;
  p99?: number | undefined;
  value?: number | undefined;
  unit?: string;
  rps?: number | undefined;
  runs?: { p99: number; rps: number }[];
  /** The core call in a bare loop: its rate and p99, this process's CPU (core, Drizzle, pg) and PostgreSQL's per call. */
  ceiling?: { rps: number; p99: number; ratio: number; errors?: number; cpuMs: number; dbCpuMs?: number } | undefined;
  framework?: number | undefined;
  /**
   * The framework ceiling for this row's answer: a bare Fastify route sending the very bytes the row's
   * endpoint answered (once, as the load asked), under the same load — for rows whose answers are large.
   */
  sameBytes?: { bytes: number; rps: number; p99: number; clientCpuMs?: number } | undefined;
  rssPeakMb?: number;
  /** The server process's CPU time (user + system) per answered request during the row. */
  serverCpuMs?: number | undefined;
  /** PostgreSQL's CPU time (every process of the cluster) per answered request during the row. */
  dbCpuMs?: number | undefined;
  note?: string;
}
const rows: Row[] = [];
const guest: Actor = { kind: 'guest' };
// The server's configuration as far as the use cases read it (the writes: points, events recorded with their NOTIFY).
const deps = {
  db,
  clock: systemClock,
  events: asEventPublisher(createEventBus(database, systemClock)),
  config: { adminEmails: [], sessionTtlMs: 30 * 24 * 3600 * 1000, sessionSecret: BENCH_SESSION_SECRET, points: DEFAULT_POINTS },
} as Deps;
// The 1,000 fans as the server resolves their cookies, for the write rows' ceilings.
const fanActors: Actor[] = [];
for (let k = 0; k < 1000; k++) fanActors.push((await resolveSession(deps, `bench-session-${1001 + k}`)).actor);
if (fanActors.some((a) => a.kind !== 'user')) {
  console.error('bench: the seeded fans have no sessions: run `npm run bench:seed` again');
  process.exit(2);
}

const fw = await frameworkCeiling({ connections: CONNECTIONS, duration: DURATION });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

async function http(
  id: string,
  figure: string,
  path: string,
  budgetMs: number,
  opts: LoadOptions & {
    /** The endpoint's core call n (0, 1, 2…, rotating as the load does): the database ceiling, for as long (or as many) as the load. */
    ceiling?: (n: number) => Promise<unknown>;
    /** After the ceiling: puts back what its calls changed. */
    ceilingReset?: () => Promise<unknown>;
    ceilingRatio?: number;
    /** After the load, before the ceiling: what went wrong (null: nothing). Runs even when requests failed. */
    afterLoad?: () => Promise<string | null>;
    /**
     * How many requests the server has carried out so far (a write row: the rows written). The load's last
     * requests are still being served when it stops counting — up to 50, as many as a write row answers in
     * a second or more — so the CPU per request is taken once this stops moving, divided by it.
     */
    served?: () => Promise<number>;
    check?: (r: LoadResult) => string | null;
  } = {},
) {
  if (!want(id)) return;
  rssPeak = rssMb();
  const waits = WAITS ? sampleWaits() : null;
  const servedBefore = (await opts.served?.()) ?? 0;
  const cpuBefore = cpuSeconds();
  const dbCpuBefore = dbCpuSeconds();
  const runs: LoadResult[] = [];
  for (let k = 0; k < (opts.amount ? 1 : RUNS); k++) {
    const r = await load(`${base}${path}`, {
      connections: CONNECTIONS,
      duration: DURATION,
      ...opts,
      headers: { origin: base, ...opts.headers },
    });
    runs.push(r);
  }
  // The server's CPU per answered request: steadier than requests/s on a machine shared with other work.
  let answered = runs.reduce((n, r) => n + r.requests, 0);
  if (opts.served) {
    for (let last = -1, now = await opts.served(); now !== last; last = now, now = await opts.served())
      await new Promise((r) => setTimeout(r, 1000));
    answered = (await opts.served()) - servedBefore;
  }
  const cpuMs = answered ? round(((cpuSeconds() - cpuBefore) * 1000) / answered) : undefined;
  const dbCpuMs = answered ? round(((dbCpuSeconds() - dbCpuBefore) * 1000) / answered) : undefined;
  if (waits) console.error(`bench: ${id}: server connections, share of samples: ${await waits()}`);
  const p99 = median(runs.map((r) => r.p99));
  const rps = median(runs.map((r) => r.rps));
  const bad = runs.reduce((n, r) => n + r.errors + r.non2xx, 0);
  const afterLoad = (await opts.afterLoad?.()) ?? null;
  let ceiling: Row['ceiling'];
  if (opts.ceiling) {
    // Bounded as the load was (a duration, or the same number of calls); 50 at once, no HTTP.
    const own = process.cpuUsage();
    const dbCpu = dbCpuSeconds();
    const c = await loop(opts.amount ?? { seconds: DURATION }, CONNECTIONS, opts.ceiling, { countErrors: true });
    const used = process.cpuUsage(own);
    const perCall = (seconds: number) => (c.done ? round((seconds * 1000) / c.done) : NaN);
    const dbCpuMs = perCall(dbCpuSeconds() - dbCpu);
    await opts.ceilingReset?.();
    ceiling = {
      rps: Math.round(c.perSecond),
      p99: round(c.p99),
      ratio: rps / c.perSecond,
      ...(c.errors && { errors: c.errors }),
      cpuMs: perCall((used.user + used.system) / 1e6),
      ...(Number.isFinite(dbCpuMs) && { dbCpuMs }),
    };
  }
  let sameBytes: Row['sameBytes'];
  if (!opts.method || opts.method === 'GET') {
    const res = await fetch(`${base}${opts.rotate?.paths?.[0] ?? path}`, {
      headers: { origin: base, ...opts.headers, ...(opts.rotate?.cookies?.[0] && { cookie: opts.rotate.cookies[0] }) },
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const c = await frameworkCeiling({
      connections: CONNECTIONS,
      duration: DURATION,
      body: { bytes, contentType: res.headers.get('content-type') ?? 'application/octet-stream' },
    });
    sameBytes = { bytes: bytes.length, rps: Math.round(c.rps), p99: c.p99, clientCpuMs: c.clientCpuMs };
  }
  // No answer at all within a run is a failure, not a p99 of 0.
  const problem = runs.some((r) => r.requests === 0)
    ? 'no request finished within a run'
    : bad
      ? `${bad} errors or non-2xx answers`
      : (afterLoad ?? opts.check?.(runs[0]!) ?? null);
  const ratioOk = opts.ceilingRatio === undefined || !ceiling || ceiling.ratio >= opts.ceilingRatio;
  rows.push({
    id,
    figure,
    budget: `p99 ≤ ${budgetMs} ms${opts.ceilingRatio ? `; ≥ ${opts.ceilingRatio * 100} % of the database ceiling` : ''}`,
    pass: !problem && p99 <= budgetMs && ratioOk,
    p50: median(runs.map((r) => r.p50)),
    p99,
    rps: Math.round(rps),
    runs: runs.map((r) => ({ p99: r.p99, rps: Math.round(r.rps) })),
    ceiling,
    framework: rps / fw.rps,
    sameBytes,
    rssPeakMb: Math.round(rssPeak),
    serverCpuMs: cpuMs,
    ...(dbCpuMs !== undefined && Number.isFinite(dbCpuMs) && { dbCpuMs }),
    ...(problem && { note: problem }),
  });
  console.error(
    `bench: ${figure}: p99 ${p99} ms, ${Math.round(rps)}/s, ${median(runs.map((r) => r.bytesPerRequest ?? 0)).toLocaleString('en')} bytes a response, CPU a request: server ${cpuMs} ms, PostgreSQL ${dbCpuMs} ms${
      ceiling
        ? `; database ceiling ${ceiling.rps}/s, p99 ${ceiling.p99} ms, CPU a call: core ${ceiling.cpuMs} ms, PostgreSQL ${ceiling.dbCpuMs} ms${
            ceiling.errors ? `, ${ceiling.errors} errors` : ''
          }`
        : ''
    }${sameBytes ? `; a bare route sending the same ${sameBytes.bytes.toLocaleString('en')} bytes: ${sameBytes.rps}/s, p99 ${sameBytes.p99} ms` : ''}${
      problem ? ` (${problem})` : ''
    }`,
  );
}
const round = (n: number) => Math.round(n * 10) / 10;

/** Samples what the server's database connections are doing every 50 ms until the returned function is called. */
function sampleWaits(): () => Promise<string> {
  const counts = new Map<string, number>();
  let samples = 0;
  let stop = false;
  const done = (async () => {
    while (!stop) {
      const states = rowsOf<{ w: string }>(
        await db.execute(sql`select coalesce(wait_event_type || ':' || wait_event, 'CPU') || ' (' || state || ')' as w
          from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
          and backend_type = 'client backend' and state <> 'idle' and query not like '%pg_stat_activity%'`),
      );
      samples++;
      for (const { w } of states) counts.set(w, (counts.get(w) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return async () => {
    stop = true;
    await done;
    return (
      [...counts]
        .sort((a, b) => b[1] - a[1])
        .map(([w, n]) => `${w} ${(n / samples).toFixed(1)}`)
        .join(', ') + ` (busy connections per sample, ${samples} samples)`
    );
  };
}

// Board list: the first page and a page 5,000 threads in (its cursor as the API hands it out).
const listQuery = ThreadListQuery.parse({});
await http('board-first', 'category thread list, JSON, first page', '/api/categories/bugs/threads', 20, {
  ceiling: () => listCategoryThreads(deps, guest, 'bugs', listQuery),
  ceilingRatio: 0.5,
});
let cursor: string | null = null;
for (let page = 0; page < 100; page++) {
  const res = (await (
    await fetch(`${base}/api/categories/bugs/threads?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
  ).json()) as {
    nextCursor: string | null;
  };
  if (!res.nextCursor) break;
  cursor = res.nextCursor;
}
const deepQuery = ThreadListQuery.parse({ cursor });
await http(
  'board-deep',
  'category thread list, JSON, a page 5,000 threads deep',
  `/api/categories/bugs/threads?cursor=${encodeURIComponent(cursor!)}`,
  20,
  {
    ceiling: () => listCategoryThreads(deps, guest, 'bugs', deepQuery),
    ceilingRatio: 0.5,
  },
);
await http('thread-json', `thread with 20 posts, JSON (thread ${longThread})`, `/api/threads/${longThread}?limit=20`, 20, {
  ceiling: () => getThread(deps, guest, longThread, { page: 1, limit: 20 }),
});
// Guests are answered from the read cache (apps/api/src/plugins/read-cache.ts). Signed in, as 1,000 different
// fans: the board list is the guests' answer (core's threadListAudience); the thread is its audience's page from
// memory with each fan's own likes and can flags put in (apps/api/src/routes/thread-page-answer.ts).
await http(
  'board-first-fan',
  "the board list again, signed in (1,000 fans; the guests' answer, by audience)",
  '/api/categories/bugs/threads',
  20,
  {
    rotate: { cookies: fans },
  },
);
await http(
  'thread-json-fan',
  "the thread JSON again, signed in (1,000 fans; the audience's page, each fan's own part)",
  `/api/threads/${longThread}?limit=20`,
  20,
  {
    rotate: { cookies: fans },
  },
);
await http('thread-html', `thread page, server-rendered HTML (${longThread}, gzip)`, `/t/${longThread}`, 50, {
  headers: { 'accept-encoding': 'gzip, br', accept: 'text/html' },
});
for (const [id, q] of [
  ['search-en', 'battery'],
  ['search-cjk', '電池'],
] as const) {
  const input = SearchQuery.parse({ q });
  await http(
    id,
    `search, ${id === 'search-en' ? 'a common word' : 'a CJK two-character word'} "${q}"`,
    `/api/search?q=${encodeURIComponent(q)}`,
    50,
    {
      ceiling: () => searchPosts(deps, guest, { ...input, timeZone: 'UTC' }),
    },
  );
}
const replyBody = 'A benchmark reply: the write path with its obligation bookkeeping and event.';
const postsBefore = rowsOf<{ id: number }>(await db.execute(sql`select coalesce(max(id), 0)::int as id from posts`))[0]!.id;
await http('reply', 'create reply (1,000 fans in 1,000 threads)', `/api/threads/${replyThreads[0]}/posts`, 30, {
  method: 'POST',
  body: { body: replyBody },
  rotate: { paths: replyThreads.map((t) => `/api/threads/${t}/posts`), cookies: fans },
  // Fan k in thread k, as the load rotates; the replies stay, as the load's do.
  ceiling: (n) => createReply(deps, fanActors[n % 1000]!, replyThreads[n % 1000]!, replyBody),
  served: async () =>
    rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from posts where id > ${postsBefore} and body = ${replyBody}`))[0]!
      .n,
});
if (want('vote')) {
  const voteCount = async () =>
    ((await (await fetch(`${base}/api/issues/${voteIssue}`)).json()) as { issue: { voteCount: number } }).issue.voteCount;
  const votesBefore = await voteCount();
  let votesAfter = votesBefore;
  await http('vote', `vote: 1,000 voters on one issue (${voteIssue}) at once`, `/api/issues/${voteIssue}/vote`, 30, {
    method: 'POST',
    amount: 1000,
    rotate: { cookies: fans },
    afterLoad: async () => {
      votesAfter = await voteCount();
      // Withdrawn again, so that the ceiling (and the next run) starts from the same count.
      await load(`${base}/api/issues/${voteIssue}/vote`, {
        method: 'DELETE',
        amount: 1000,
        connections: CONNECTIONS,
        rotate: { cookies: fans },
        headers: { origin: base },
      });
      return votesAfter === votesBefore + 1000 ? null : `counted ${votesAfter - votesBefore} of 1,000`;
    },
    // The same 1,000 votes by core's use case, then withdrawn by it.
    ceiling: (n) => setVote(deps, fanActors[n % 1000]!, voteIssue, true),
    ceilingReset: () => loop(1000, CONNECTIONS, (n) => setVote(deps, fanActors[n]!, voteIssue, false)),
  });
  const voteRow = rows.at(-1)!;
  voteRow.value = votesAfter;
  voteRow.unit = 'votes counted';
  voteRow.budget = `exact count; ${voteRow.budget}`;
  const votesLeft = await voteCount();
  if (votesLeft !== votesBefore) {
    voteRow.pass = false;
    voteRow.note = `${voteRow.note ? `${voteRow.note}; ` : ''}left at ${votesLeft} votes, found at ${votesBefore}`;
  }
}
await http('queue', `staff queue with ${openObligations.toLocaleString('en')} open obligations`, '/api/sla/queue', 30, {
  headers: { cookie: staffCookie },
});

// Live: N followers of one thread, a reply, delivered to every one of them.
if (want('live')) {
  rssPeak = rssMb();
  const live = await new Promise<{ p50: number; p99: number; max: number; delivered: number; missing: number; connectMs: number }>(
    (resolve, reject) =>
      execFile(
        process.execPath,
        [
          join(root, 'bench/live-subscribers.mjs'),
          JSON.stringify({ base, threadId: replyThreads[1], subscribers: FOLLOWERS, replies: 5, cookie: benchCookie(1500) }),
        ],
        { maxBuffer: 1 << 20, timeout: 300_000 },
        (err, stdout, stderr) =>
          err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout.trim().split('\n').pop()!)),
      ),
  );
  rows.push({
    id: 'live',
    figure: `live event: reply created → delivered to ${FOLLOWERS.toLocaleString('en')} WebSocket followers (5 replies)`,
    budget: 'p99 ≤ 250 ms',
    pass: live.missing === 0 && live.p99 <= 250,
    p50: round(live.p50),
    p99: round(live.p99),
    rssPeakMb: Math.round(rssPeak),
    note: `${live.delivered.toLocaleString('en')} deliveries, ${live.missing} missing; ${FOLLOWERS.toLocaleString('en')} followers connected in ${live.connectMs} ms`,
  });
  console.error(`bench: live: p99 ${round(live.p99)} ms, ${live.missing} missing`);
}

// JavaScript a thread page loads, as Chromium loads it (every script response, gzip).
if (want('page-js')) {
  const js = await pageJavaScript(`${base}/t/${longThread}`);
  rows.push({
    id: 'page-js',
    figure: 'JavaScript shipped for a thread page (gzip, as Chromium loads it)',
    budget: '≤ 60 KB',
    pass: js === null ? null : js.bytes <= 60 * 1024,
    ...(js && { value: round(js.bytes / 1024), unit: 'KiB', note: `${js.files} scripts` }),
    ...(!js && { note: 'no Chromium at /usr/bin/chromium: not measured' }),
  });
}

const serverRssPeak = Math.max(...rows.map((r) => r.rssPeakMb ?? 0), rssPeak);
rows.push({
  id: 'rss',
  figure: 'server memory under the loads above (peak RSS)',
  budget: 'RSS ≤ 400 MB',
  pass: serverRssPeak <= 400,
  value: Math.round(serverRssPeak),
  unit: 'MB',
  note: `idle after start ${Math.round(idleRss)} MB`,
});
stopServer();
// A profiled server writes its profile as it exits.
if (SERVER_PROFILE && server.exitCode === null) await new Promise((r) => server.once('exit', r));

// The sweeper tick and the digest: their own benchmarks, on the scratch database (they truncate it).
if (!QUICK && process.env.BENCH_SCRATCH_URL) {
  for (const [id, file, budget] of [
    ['sweeper', 'bench/sla-sweeper.bench.ts', 50],
    ['digest', 'bench/digest.bench.ts', 2000],
  ] as const) {
    if (!want(id)) continue;
    console.error(`bench: ${file} on the scratch database…`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      env: { ...process.env, BENCH_DATABASE_URL: process.env.BENCH_SCRATCH_URL, BENCH_JSON: '1' },
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('{"bench"'));
    const fig = line ? (JSON.parse(line) as { figure: string; median: number; max: number }) : null;
    rows.push({
      id,
      figure: fig?.figure ?? file,
      budget: `≤ ${budget.toLocaleString('en')} ms`,
      pass: fig ? fig.median <= budget : false,
      value: fig?.median,
      unit: 'ms (median)',
      note: fig ? `worst ${fig.max} ms` : `failed: ${r.stderr.slice(-300)}`,
    });
  }
}

// ── report ────────────────────────────────────────────────────────────────
const cpu = os.cpus();
const machine = `${cpu.length} × ${cpu[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GB, load average ${os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' ')} at the end`;
const result = {
  at: new Date().toISOString(),
  machine,
  node: process.version,
  database: `PostgreSQL (${url.replace(/\/\/[^@]*@/, '//')})`,
  data: size,
  mode: QUICK ? 'quick' : 'full',
  durationSeconds: DURATION,
  runs: RUNS,
  connections: CONNECTIONS,
  settled,
  frameworkCeiling: { rps: Math.round(fw.rps), p99: fw.p99 },
  rows,
};
const dir = join(root, '.bench/results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `bench-${result.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
if (JSON_OUT) writeFileSync(JSON_OUT, `${JSON.stringify(result, null, 2)}\n`);

const fmt = (n: number | undefined, d = 0) => (n === undefined ? '—' : n.toLocaleString('en', { maximumFractionDigits: d }));
console.log(
  `\n${machine}; ${size.posts.toLocaleString('en')} posts in ${size.threads.toLocaleString('en')} threads; ${CONNECTIONS} connections, ${DURATION} s each${RUNS > 1 ? `, median of ${RUNS} runs` : ''}`,
);
console.log(`framework ceiling (bare Fastify route): ${fmt(fw.rps)}/s, p99 ${fw.p99} ms\n`);
console.log(
  '| figure | p50 ms | p99 ms | value | req/s | % of framework | the same bytes from a bare route (req/s, p99 ms) | database ceiling (req/s, % reached) | RSS peak MB | budget | result |',
);
console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|');
for (const r of rows) {
  const spread = r.runs && r.runs.length > 1 ? ` (${Math.min(...r.runs.map((x) => x.p99))}–${Math.max(...r.runs.map((x) => x.p99))})` : '';
  console.log(
    `| ${r.figure}${r.note ? ` — ${r.note}` : ''} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)}${spread} | ${r.value === undefined ? '—' : `${fmt(r.value, 1)} ${r.unit ?? ''}`} | ${fmt(r.rps)} | ${
      r.framework === undefined ? '—' : `${Math.round(r.framework * 100)} %`
    } | ${r.sameBytes ? `${fmt(r.sameBytes.rps)}, ${r.sameBytes.p99}` : '—'} | ${r.ceiling ? `${fmt(r.ceiling.rps)}, ${Math.round(r.ceiling.ratio * 100)} %` : '—'} | ${fmt(r.rssPeakMb)} | ${r.budget} | ${
      r.pass === null ? 'not measured' : r.pass ? 'pass' : '**FAIL**'
    } |`,
  );
}
console.log(`\nJSON: ${file}`);
await database.close();
process.exit(rows.some((r) => r.pass === false) ? 1 : 0);
