// SLA sweeper and staff-queue timings (quality.md: "sweeper tick with 100,000
// open obligations, 1,000 due ≤ 50 ms"; "staff queue with 10,000 open
// obligations p99 ≤ 30 ms", 50 connections from a second process, beside the
// framework and database ceilings measured in the same run).
//
//   npm run bench                                                  # on a throwaway PostgreSQL
//   BENCH_DB=pglite node --import tsx bench/sla-sweeper.bench.ts   # embedded PGlite
//   BENCH_DATABASE_URL=postgres://… node --import tsx bench/sla-sweeper.bench.ts
//
// The named database is truncated and left with the seeded rows in it: point
// it at a scratch database. BENCH_PROFILE=dir writes a CPU profile of the
// server while the queue is under load.
import { createHmac } from 'node:crypto';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { ManualClock, sweepObligations } from '@kakera/core';
import { createDatabase, migrate, users, type Database } from '@kakera/db';
import { eq } from 'drizzle-orm';
import { buildApp, loadConfig } from '@kakera/api';
import { frameworkCeiling, load, loop, percentile, profiled } from './harness.ts';

const OPEN = Number(process.env.BENCH_OPEN ?? 100_000);
const DUE = Number(process.env.BENCH_DUE ?? 1_000);
const QUEUE_OPEN = Number(process.env.BENCH_QUEUE_OPEN ?? 10_000);
const QUEUE_REQUESTS = Number(process.env.BENCH_QUEUE_REQUESTS ?? 500);
const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);

const T0 = new Date('2026-01-15T09:00:00Z');
const NOW = new Date(T0.getTime() + 3600_000);

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const fmt = (n: number) => n.toFixed(2);
const pctOf = (a: number, b: number) => `${Math.round((100 * a) / b)} %`;

const RUNS = 7;
const minute = (k: number) => new Date(NOW.getTime() + k * 60_000);

/**
 * OPEN open obligations: RUNS groups of DUE that fall due one minute after
 * another (already warned), the rest due much later. Run k moves the clock
 * to minute k, so each measured sweep claims exactly DUE fresh breaches —
 * nothing is reset between runs.
 */
async function seed(database: Database) {
  const t = process.hrtime.bigint();
  await database.db.execute(sql`truncate events, obligations, posts, threads, categories, sessions, users restart identity cascade`);
  await database.db.execute(sql`
    with u as (insert into users (name, role) values ('Bench fan', 'fan') returning id),
    c as (insert into categories (slug, name, sla_target_seconds) values ('bench', 'Bench', 900) returning id),
    th as (
      insert into threads (category_id, author_id, title, created_at, last_activity_at, last_position)
      select c.id, u.id, 'Bench thread ' || g, ${T0}::timestamptz, ${T0}::timestamptz, 1 from generate_series(1, ${OPEN}::int) g, u, c returning id, category_id, author_id),
    p as (
      insert into posts (thread_id, author_id, author_role, body, html, created_at, position)
      select th.id, th.author_id, 'fan', 'help', '<p>help</p>', ${T0}::timestamptz, 1 from th returning id, thread_id)
    insert into obligations (thread_id, category_id, opened_post_id, target_seconds, opened_at, warn_at, warned_at, due_at)
    select p.thread_id, c.id, p.id, 900, g.opened, g.opened + interval '600 seconds', g.warned, g.opened + interval '900 seconds'
    from p, c, lateral (
      select case when p.thread_id <= ${DUE * RUNS}::int
               then ${NOW}::timestamptz - interval '900 seconds' + ((p.thread_id - 1) / ${DUE}::int + 1) * interval '1 minute'
               else ${NOW}::timestamptz + interval '1 hour' end as opened,
             case when p.thread_id <= ${DUE * RUNS}::int then ${NOW}::timestamptz end as warned
    ) g`);
  await database.db.execute(sql`analyze`);
  return ms(t);
}

async function main() {
  const database = url
    ? await createDatabase({ kind: 'postgres', url, poolSize: 20 })
    : await createDatabase({ kind: 'pglite', dataDir: null });
  await migrate(database);
  const engine = url ? 'PostgreSQL' : 'PGlite';
  const clock = new ManualClock(NOW);
  const config = loadConfig({
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret',
    DATA_DIR: '/tmp/kakera-bench-unused',
    RATE_LIMIT: 'off',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://localhost:3000',
    ...(url && { DATABASE_URL: url }),
  });
  const seedMs = await seed(database);
  const app = await buildApp({ config, database, clock, logger: false, sweeper: { timer: false } });
  await app.ready();
  let delivered = 0;
  app.deps.events.subscribe(() => delivered++);

  // Sweeper: each run, DUE fresh breaches among OPEN open obligations.
  const tickTimes: number[] = [];
  let claimed = 0;
  for (let run = 1; run <= RUNS; run++) {
    clock.set(minute(run));
    const t = process.hrtime.bigint();
    const r = await sweepObligations(app.deps);
    tickTimes.push(ms(t));
    claimed = r.breached + r.warned;
    await new Promise((resolve) => setTimeout(resolve, 200)); // let this run's deliveries drain
  }
  const idle: number[] = [];
  for (let run = 0; run < 20; run++) {
    const t = process.hrtime.bigint();
    await sweepObligations(app.deps);
    idle.push(ms(t));
  }

  clock.set(NOW);
  // Queue: QUEUE_OPEN open obligations, GET /api/sla/queue (first page, 100 rows) through Fastify.
  await database.db.execute(sql`update obligations set status = 'met', responded_at = opened_at where id > ${QUEUE_OPEN}`);
  await database.db.execute(sql`vacuum analyze obligations`); // as autovacuum would, after 90,000 updates
  const reg = await app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: { email: 'bench-staff@test.dev', password: 'bench password', name: 'Bench staff' },
  });
  const staffId = reg.json().user.id as number;
  await database.db.update(users).set({ role: 'staff' }).where(eq(users.id, staffId));
  const cookie = `kakera_session=${reg.cookies.find((c) => c.name === 'kakera_session')!.value}`;
  const queueTimes: number[] = [];
  let rows = 0;
  for (let i = 0; i < QUEUE_REQUESTS + 20; i++) {
    const t = process.hrtime.bigint();
    const res = await app.inject({ method: 'GET', url: '/api/sla/queue', headers: { cookie } });
    const took = ms(t);
    if (res.statusCode !== 200) throw new Error(`queue answered ${res.statusCode}: ${res.body}`);
    rows = res.json().obligations.length;
    if (i >= 20) queueTimes.push(took); // after warm-up
  }
  // Over HTTP, 50 connections from a second process (autocannon), beside the ceilings of quality.md.
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const firstPage = (await (await fetch(`${address}/api/sla/queue`, { headers: { cookie } })).json()) as {
    nextCursor: string;
    obligations: { id: number; dueAt: string }[];
  };
  const httpFirst = await profiled('queue-first-page', () =>
    load(`${address}/api/sla/queue`, { headers: { cookie }, duration: LOAD_SECONDS }),
  );
  const httpNext = await load(`${address}/api/sla/queue?cursor=${encodeURIComponent(firstPage.nextCursor)}`, {
    headers: { cookie },
    duration: LOAD_SECONDS,
  });
  await app.close();
  const framework = await frameworkCeiling({ duration: LOAD_SECONDS });
  // The database ceiling: the statements an uncached queue page runs (session, rows, counts), by a bare
  // driver loop at the same concurrency on the same pool.
  const token = cookie.split('=')[1]!;
  const [sessionSql, rowsSql, countsSql] = queueStatements(
    NOW,
    createHmac('sha256', config.SESSION_SECRET).update(token).digest('base64url'),
  );
  const dbCeiling = await loop(5000, 50, () =>
    Promise.all([database.db.execute(sessionSql), database.db.execute(rowsSql), database.db.execute(countsSql)]),
  );
  if (process.env.BENCH_EXPLAIN) {
    // The plan of a later page's rows (BENCH_EXPLAIN=1), as docs/performance.md shows it.
    const last = firstPage.obligations[firstPage.obligations.length - 1]!;
    const plan = await database.db.execute(sql`explain (analyze, buffers) select o.*, th.title, c.slug, c.name, cl.name as claimer
      from obligations o join threads th on th.id = o.thread_id join categories c on c.id = o.category_id left join users cl on cl.id = o.claimed_by
      where o.status = 'open' and (o.due_at, o.id) > (${new Date(last.dueAt)}, ${last.id}) order by o.due_at, o.id limit 101`);
    const rows = (plan as unknown as { rows: Record<string, string>[] }).rows;
    process.stdout.write(`${rows.map((r) => Object.values(r)[0]).join('\n')}\n`);
  }
  await database.close();
  if (httpFirst.non2xx || httpFirst.errors || httpNext.non2xx || httpNext.errors) throw new Error('the queue failed under load');

  const lines = [
    `engine: ${engine}; machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB; node ${process.version}`,
    `seed: ${OPEN} open obligations (${DUE} due) in ${fmt(seedMs)} ms`,
    `| figure | median | p99 / max | budget |`,
    `|---|---|---|---|`,
    `| sweeper tick, ${OPEN} open, ${DUE} due (claims ${claimed}, records ${claimed} events; ${RUNS} runs) | ${fmt(percentile(tickTimes, 0.5))} ms | ${fmt(Math.max(...tickTimes))} ms | ≤ 50 ms |`,
    `| sweeper tick, ${OPEN} open, nothing due | ${fmt(percentile(idle, 0.5))} ms | ${fmt(Math.max(...idle))} ms | — |`,
    `| GET /api/sla/queue, ${QUEUE_OPEN} open, ${rows} rows, sequential (${QUEUE_REQUESTS}) | ${fmt(percentile(queueTimes, 0.5))} ms | ${fmt(percentile(queueTimes, 0.99))} ms | p99 ≤ 30 ms |`,
    `| GET /api/sla/queue first page, ${QUEUE_OPEN} open, HTTP, 50 connections, ${LOAD_SECONDS} s (${httpFirst.requests} requests, ${Math.round(httpFirst.rps)}/s) | ${httpFirst.p50} ms | ${httpFirst.p99} ms | p99 ≤ 30 ms |`,
    `| GET /api/sla/queue next page (not cached), HTTP, 50 connections (${Math.round(httpNext.rps)}/s) | ${httpNext.p50} ms | ${httpNext.p99} ms | — |`,
    `| framework ceiling: bare Fastify route, HTTP, 50 connections (${Math.round(framework.rps)}/s) | ${framework.p50} ms | ${framework.p99} ms | — |`,
    `| database ceiling: an uncached page's three statements, bare loop, 50 at once (${Math.round(dbCeiling.perSecond)}/s) | ${fmt(dbCeiling.p50)} ms | ${fmt(dbCeiling.p99)} ms | — |`,
    `first page throughput: ${pctOf(httpFirst.rps, framework.rps)} of the framework ceiling, ${pctOf(httpFirst.rps, dbCeiling.perSecond)} of the database ceiling`,
    `events delivered to the bus during the run: ${delivered}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  // For `npm run bench` (bench/run.ts): the row of quality.md's table.
  const figure = `sweeper tick with ${OPEN.toLocaleString('en')} open obligations, ${DUE.toLocaleString('en')} due`;
  const median = Math.round(percentile(tickTimes, 0.5) * 10) / 10;
  process.stdout.write(`${JSON.stringify({ bench: 'sweeper', figure, median, max: Math.round(Math.max(...tickTimes) * 10) / 10 })}\n`);
}

/** What GET /api/sla/queue runs when it is not served from the read model, as plain SQL. */
function queueStatements(now: Date, sessionId: string) {
  return [
    sql`select s.*, u.*, t.name as team from sessions s join users u on u.id = s.user_id left join teams t on t.id = u.team_id
        where s.id = ${sessionId} and s.expires_at > ${now} limit 1`,
    sql`select o.*, th.title, c.slug, c.name, cl.name as claimer from obligations o
        join threads th on th.id = o.thread_id join categories c on c.id = o.category_id left join users cl on cl.id = o.claimed_by
        where o.status = 'open' order by o.due_at, o.id limit 101`,
    sql`select count(*) filter (where due_at <= ${now})::int as breached,
               count(*) filter (where due_at > ${now} and warn_at <= ${now})::int as warned,
               count(*) filter (where warn_at > ${now})::int as open
        from obligations where status = 'open'`,
  ];
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
