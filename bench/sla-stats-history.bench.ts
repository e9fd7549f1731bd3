// `node --import tsx bench/sla-stats-history.bench.ts [from] [to]`: the
// statistics of a long history (an imported community: docs/import.md), on
// the database the server uses (DATABASE_URL, else DATA_DIR's embedded one).
// Times GET /api/sla/stats's computation (computeSlaStats, as the route calls
// it) for the whole period in every grouping, one request at a time after a
// warm-up, and prints p50, p99 and the largest of 50 runs each.
import { join } from 'node:path';
import { asEventPublisher, computeSlaStats, DEFAULT_POINTS, systemClock, type Deps } from '@kakera/core';
import { createDatabase, createEventBus, migrate } from '@kakera/db';
import { loadConfig } from '@kakera/api';
import { percentile } from './harness.ts';

const from = process.argv[2] ?? '2010-08-25';
const to = process.argv[3] ?? '2023-08-09';
const config = loadConfig(process.env);
const database = await createDatabase(
  config.DATABASE_URL
    ? { kind: 'postgres', url: config.DATABASE_URL, poolSize: 4 }
    : { kind: 'pglite', dataDir: join(config.DATA_DIR, 'pglite') },
);
await migrate(database);
const deps: Deps = {
  db: database.db,
  clock: systemClock,
  events: asEventPublisher(createEventBus(database, systemClock)),
  config: { adminEmails: [], sessionTtlMs: 1, sessionSecret: config.SESSION_SECRET, points: DEFAULT_POINTS },
};
const staff = { kind: 'user', id: 1, name: 'bench', role: 'staff', teamId: null, suspended: false } as const;
const rows: string[][] = [['groupBy', 'groups', 'obligations', 'p50 ms', 'p99 ms', 'max ms']];
for (const groupBy of ['year', 'month', 'week', 'day', 'staff', 'category'] as const) {
  const ask = () => computeSlaStats(deps, staff, { from, to, groupBy, days: 7, timeZone: config.TZ });
  for (let i = 0; i < 3; i++) await ask();
  const times: number[] = [];
  let last;
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    last = await ask();
    times.push(performance.now() - t);
  }
  rows.push([
    groupBy,
    String(last!.groups.length),
    String(last!.totals.obligations),
    ...[0.5, 0.99, 1].map((p) => percentile(times, p).toFixed(1)),
  ]);
}
console.log(`GET /api/sla/stats?from=${from}&to=${to} on ${database.kind} (TZ ${config.TZ})`);
for (const r of rows) console.log(r.map((c, i) => (i ? c.padStart(12) : c.padEnd(10))).join(''));
await database.close();
