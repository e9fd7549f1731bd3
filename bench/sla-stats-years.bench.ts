// `bash scripts/pg-throwaway.sh node --import tsx bench/sla-stats-years.bench.ts` (N=150000 by default;
// without the wrapper, on an in-memory PGlite): N obligations spread over the thirteen years of
// bicycles.meta (60 % answered within three hours, 30 % left open, 10 % closed as no response
// needed), then GET /api/sla/stats's computation for the whole period in each grouping (p50, p99
// and the largest of 40 requests, one at a time), and the old query over every obligation once,
// for comparison in the same run (docs/import.md, "Measured").
import { sql } from 'drizzle-orm';
import { setupTemplateDatabase, createTestDatabase } from '@kakera/db/testing';
import { computeSlaStats, findSlaFigures, localDayRange, systemClock } from '@kakera/core';
const N = Number(process.env.N ?? 150000);
await setupTemplateDatabase();
const { database, drop } = await createTestDatabase();
const db = database.db;
await db.execute(sql`insert into categories (slug, name) values ('c', 'C')`);
await db.execute(
  sql`insert into users (name, role) select 'u'||g, case when g <= 5 then 'staff'::role else 'fan'::role end from generate_series(1, 1000) g`,
);
await db.execute(sql`insert into threads (category_id, author_id, title, created_at, last_activity_at, accepted_post_id)
  select 1, 6 + (g % 900), 't', now(), now(), case when g % 3 = 0 then 1 else null end from generate_series(1, ${N}) g`);
await db.execute(
  sql`insert into posts (thread_id, author_id, author_role, body, html, created_at, position) values (1, 6, 'fan', 'x', 'x', now(), 1)`,
);
let t = performance.now();
await db.execute(sql`insert into obligations (thread_id, category_id, opened_post_id, target_seconds, status, opened_at, warn_at, due_at, responded_at, responder_id)
  select g, 1, 1, 900,
    case when g % 10 < 6 then 'met'::obligation_status when g % 10 < 9 then 'open'::obligation_status else 'no_response_needed'::obligation_status end,
    t, t + interval '10 minutes', t + interval '15 minutes',
    case when g % 10 < 6 then t + (random() * interval '3 hours') end,
    case when g % 10 < 6 then 1 + (g % 5) end
  from (select g, timestamptz '2010-08-25' + (g::float8 / ${N}) * (timestamptz '2023-08-09' - timestamptz '2010-08-25') as t from generate_series(1, ${N}) g) s`);
console.log('seeded', N, 'obligations in', ((performance.now() - t) / 1000).toFixed(1), 's');
const deps = { db, clock: systemClock } as never;
const staff = { kind: 'user', id: 1, name: 'b', role: 'staff', teamId: null, suspended: false } as const;
t = performance.now();
await computeSlaStats(deps, staff, { from: '2010-08-25', to: '2023-08-09', groupBy: 'year', days: 7, timeZone: 'UTC' });
console.log('first request (builds the zone):', ((performance.now() - t) / 1000).toFixed(1), 's');
await db.execute(sql`vacuum analyze`);
console.log(`${database.kind}: GET /api/sla/stats 2010-08-25..2023-08-09, ${N} obligations`);
for (const groupBy of ['year', 'month', 'week', 'day', 'staff', 'category'] as const) {
  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now();
    await computeSlaStats(deps, staff, { from: '2010-08-25', to: '2023-08-09', groupBy, days: 7, timeZone: 'UTC' });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    groupBy.padEnd(9),
    'p50',
    times[20]!.toFixed(1),
    'p99',
    times[Math.ceil(0.99 * 40) - 1]!.toFixed(1),
    'max',
    times.at(-1)!.toFixed(1),
  );
}
// the raw reference, for comparison
const { start, end } = localDayRange('2010-08-25', '2023-08-09', 'UTC');
t = performance.now();
const [raw] = await findSlaFigures(db, { start, end, now: new Date(), timeZone: 'UTC' }, 'none');
const old = performance.now() - t;
const kept = await computeSlaStats(deps, staff, { from: '2010-08-25', to: '2023-08-09', groupBy: 'year', days: 7, timeZone: 'UTC' });
console.log(
  'the old query over every obligation:',
  old.toFixed(0),
  'ms; same totals:',
  raw?.obligations === kept.totals.obligations && raw?.medianSeconds === kept.totals.medianSeconds,
);
await database.close();
await drop();
