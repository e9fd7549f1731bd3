// The leaderboard with 100,000 users (issue 22's note: "leaderboard p99 with
// 100,000 users"): GET /api/leaderboard this month and all time, the first
// page and a deep cursor page, under load from a second process.
//
//   bash scripts/pg-throwaway.sh node --import tsx bench/leaderboard.bench.ts
//   BENCH_USERS=20000 BENCH_DB=pglite node --import tsx bench/leaderboard.bench.ts   # embedded PGlite
//
// The named database is truncated: point it at a scratch one. Seeds with SQL
// (generate_series): 100,000 users (1 % staff, who are not ranked) with
// all-time points, and this month's points for 60 % of them, spread so that
// ties are common (as on a real board). Each figure is also printed as a
// ratio to the ceilings measured in the same run: a bare Fastify route
// (framework) and the same core call in a loop at the same concurrency,
// without HTTP (database).
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { findLeaderboard, ManualClock, type Deps } from '@kakera/core';
import { createDatabase, migrate, rowsOf } from '@kakera/db';
import { buildApp, loadConfig } from '@kakera/api';
import { frameworkCeiling, load, loop, type LoadResult } from './harness.ts';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 50;
const url = process.env.BENCH_DB === 'pglite' ? undefined : (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL);
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const fmt = (n: number) => n.toFixed(1);
/** The API's cursor for the board after `position` entries (core/shared/cursor.ts: base64url of a JSON tuple). */
const cursorOf = (values: number[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

async function main() {
  const database = url
    ? await createDatabase({ kind: 'postgres', url, poolSize: 20 })
    : await createDatabase({ kind: 'pglite', dataDir: null });
  await migrate(database);
  const engine = url ? 'PostgreSQL' : 'PGlite';
  const db = database.db;
  await db.execute(sql`truncate users, categories, events restart identity cascade`);
  const clock = new ManualClock('2026-06-15T09:00:00Z');
  const month = '2026-06';

  const t0 = process.hrtime.bigint();
  await db.execute(sql`insert into users (name, role, points, created_at)
    select 'Fan ' || g, (case when g % 100 = 0 then 'staff' else 'fan' end)::role, ((g::bigint * 7919) % 5000)::int, ${clock.now()}
    from generate_series(1, ${USERS}) g`);
  await db.execute(sql`insert into points_monthly (user_id, month, points)
    select id, ${month}, ((id::bigint * 104729) % 300 + 1)::int from users where id % 5 < 3`);
  await db.execute(sql`analyze users`);
  await db.execute(sql`analyze points_monthly`);
  const seedMs = ms(t0);

  const config = loadConfig({
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret',
    DATA_DIR: '/tmp/kakera-bench-unused',
    RATE_LIMIT: 'off',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://localhost:3000',
    ...(url && { DATABASE_URL: url }),
  });
  const app = await buildApp({ config, database, clock, logger: false, sweeper: { timer: false } });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const deps = (app as unknown as { deps: Deps }).deps;

  // A deep page: the one after half the board, its cursor made as the API makes it (points, id, position, rank).
  async function deepCursor(period: 'month' | 'all'): Promise<{ cursor: string; position: number }> {
    const rows = rowsOf<{ points: number; id: number; position: number; rank: number }>(
      await db.execute(
        period === 'all'
          ? sql`select points, id, position::int, rank::int from (
              select points, id, row_number() over (order by points desc, id) as position, rank() over (order by points desc) as rank
              from users where role not in ('staff', 'executive', 'admin') and points > 0) b
            where position = (select count(*) / 2 from users where role not in ('staff', 'executive', 'admin') and points > 0)`
          : sql`select points, id, position::int, rank::int from (
              select m.points, m.user_id as id, row_number() over (order by m.points desc, m.user_id) as position,
                rank() over (order by m.points desc) as rank
              from points_monthly m join users u on u.id = m.user_id
              where m.month = ${month} and u.role not in ('staff', 'executive', 'admin') and m.points > 0) b
            where position = (select count(*) / 2 from points_monthly where month = ${month})`,
      ),
    );
    const r = rows[0]!;
    return { cursor: cursorOf([r.points, r.id, r.position, r.rank]), position: r.position };
  }
  const deepAll = await deepCursor('all');
  const deepMonth = await deepCursor('month');

  const cases = [
    { what: 'this month, first page', period: 'month' as const, cursor: undefined as string | undefined },
    {
      what: `this month, deep page (after entry ${deepMonth.position.toLocaleString('en')})`,
      period: 'month' as const,
      cursor: deepMonth.cursor,
    },
    { what: 'all time, first page', period: 'all' as const, cursor: undefined as string | undefined },
    { what: `all time, deep page (after entry ${deepAll.position.toLocaleString('en')})`, period: 'all' as const, cursor: deepAll.cursor },
  ];

  // Each page is right before it is timed: the deep page continues the board where the first half ends.
  for (const c of cases) {
    const page = await findLeaderboard(deps, { period: c.period, cursor: c.cursor, limit: 50 });
    if (page.entries.length !== 50) throw new Error(`${c.what}: ${page.entries.length} entries`);
    for (let i = 1; i < page.entries.length; i++) {
      if (page.entries[i]!.points > page.entries[i - 1]!.points) throw new Error(`${c.what}: not in order`);
    }
  }

  // The plans, as findLeaderboard's queries read (index order, no sort of the whole board).
  const plans: string[] = [];
  for (const [what, q] of [
    [
      'month',
      sql`explain (analyze, costs off, timing off) select m.points, u.id from points_monthly m join users u on u.id = m.user_id
        where m.month = ${month} and u.role not in ('staff', 'executive', 'admin') and m.points > 0
        order by m.points desc nulls last, m.user_id limit 51`,
    ],
    [
      'all',
      sql`explain (analyze, costs off, timing off) select points, id from users
        where role not in ('staff', 'executive', 'admin') and points > 0 order by points desc nulls last, id limit 51`,
    ],
  ] as const) {
    const lines = rowsOf<{ 'QUERY PLAN': string }>(await db.execute(q)).map((r) => r['QUERY PLAN']);
    plans.push(
      `${what}: ${lines
        .filter((l) => /Scan|Sort|Join|Loop|Execution/.test(l))
        .map((l) => l.trim())
        .join(' | ')}`,
    );
  }

  const framework = await frameworkCeiling({ connections: CONNECTIONS, duration: DURATION });
  type Loop = { p50: number; p99: number; perSecond: number };
  const rows: { what: string; http: LoadResult; dbCeiling: Loop; single: Loop }[] = [];
  for (const c of cases) {
    const dbCeiling = await loop(1000, CONNECTIONS, () => findLeaderboard(deps, { period: c.period, cursor: c.cursor, limit: 50 }));
    const q = new URLSearchParams({ period: c.period, limit: '50', ...(c.cursor && { cursor: c.cursor }) });
    const http = await load(`${address}/api/leaderboard?${q}`, { connections: CONNECTIONS, duration: DURATION });
    if (http.non2xx) throw new Error(`${c.what}: ${http.non2xx} non-2xx`);
    // One at a time: the query's own cost, without queueing behind 49 others.
    const single = await loop(100, 1, () => findLeaderboard(deps, { period: c.period, cursor: c.cursor, limit: 50 }));
    rows.push({ what: c.what, http, dbCeiling, single });
  }

  const cpus = os.cpus();
  console.log(`\nLeaderboard on ${engine}: ${USERS.toLocaleString('en')} users (1 % staff), ${month} points for 60 %`);
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GB; seeded in ${fmt(seedMs / 1000)} s; ` +
      `${CONNECTIONS} connections, ${DURATION} s each; 50 entries a page`,
  );
  for (const p of plans) console.log(`plan ${p}`);
  console.log(`framework ceiling (bare Fastify route): p99 ${fmt(framework.p99)} ms, ${Math.round(framework.rps)} req/s\n`);
  console.log(
    '| GET /api/leaderboard | p50 ms | p99 ms | req/s | errors (timeouts) | % of framework req/s | core call, 50 at once: p99 ms | req/s | % of database ceiling | one at a time: p50 ms | p99 ms |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.what} | ${fmt(r.http.p50)} | ${fmt(r.http.p99)} | ${Math.round(r.http.rps)} | ${r.http.errors} | ${Math.round((100 * r.http.rps) / framework.rps)} % | ` +
        `${fmt(r.dbCeiling.p99)} | ${Math.round(r.dbCeiling.perSecond)} | ${Math.round((100 * r.http.rps) / r.dbCeiling.perSecond)} % | ` +
        `${fmt(r.single.p50)} | ${fmt(r.single.p99)} |`,
    );
  }
  await app.close();
  await database.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
