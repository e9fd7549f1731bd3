import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { ManualClock, type PublishedEvent } from '@kakera/core';
import { createDatabase, type Database } from '@kakera/db';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createTestDatabase } from './helpers.ts';

// Two server instances on one PostgreSQL database, 500 obligations falling
// due at once: every warning and every breach is delivered exactly once in
// total, and killing one instance mid-run loses and doubles nothing.
// PGlite is one process by nature, so this needs a real server.
const url = process.env.TEST_DATABASE_URL;
const N = 500;
const T0 = new Date('2026-01-15T09:00:00Z');

describe.skipIf(!url)('two instances on one PostgreSQL (skipped: set TEST_DATABASE_URL to a PostgreSQL server to run it)', () => {
  let dbUrl: string;
  let drop: () => Promise<void>;
  let seedDb: Database;
  const clock = new ManualClock(T0);
  const instances: { name: string; app: FastifyInstance; database: Database; closed: boolean }[] = [];
  let listener: pg.Client;
  const heard: { type: string; obligationId: number }[] = [];
  const heardBatches: Promise<void>[] = [];
  const seenByB: PublishedEvent[] = [];

  const withAppName = (name: string) => {
    const u = new URL(dbUrl);
    u.searchParams.set('application_name', name);
    return u.toString();
  };

  async function startInstance(name: string) {
    const instanceUrl = withAppName(name);
    const database = await createDatabase({ kind: 'postgres', url: instanceUrl, poolSize: 5 });
    const config = loadConfig({
      SESSION_SECRET: 'test-secret-test-secret-test-secret-00',
      DATA_DIR: '/tmp/kakera-test-unused',
      RATE_LIMIT: 'off',
      LOG_LEVEL: 'silent',
      PUBLIC_URL: 'http://localhost:3000',
      DATABASE_URL: instanceUrl,
      SLA_SWEEP_MS: '50',
    });
    // Small batches, one per sweep, so that the run spans many transactions and the kill lands mid-run.
    const app = await buildApp({ config, database, clock, logger: false, sweeper: { batchSize: 20, maxBatches: 1 } });
    await app.ready();
    const instance = { name, app, database, closed: false };
    instances.push(instance);
    return instance;
  }

  // What staff are sent: each warning and breach also goes to its thread's readers (once there too, not counted here).
  const count = async (type: string) => {
    const r = await seedDb.db.execute(
      sql`select count(*)::int as n, count(distinct (data->>'obligationId'))::int as d from events where type = ${type} and topic = 'staff-queue'`,
    );
    const row = (r as unknown as { rows: { n: number; d: number }[] }).rows[0]!;
    return { n: Number(row.n), distinct: Number(row.d) };
  };

  beforeAll(async () => {
    const created = await createTestDatabase();
    await created.database.close();
    dbUrl = created.url!;
    drop = created.drop;
    seedDb = await createDatabase({ kind: 'postgres', url: dbUrl, poolSize: 2 });
    await seedDb.db.execute(sql`
      with u as (insert into users (name, role) values ('Load fan', 'fan') returning id),
      c as (insert into categories (slug, name, sla_target_seconds) values ('load', 'Load', 900) returning id),
      th as (
        insert into threads (category_id, author_id, title, created_at, last_activity_at, last_position)
        select c.id, u.id, 'Load ' || g, ${T0}, ${T0}, 1 from generate_series(1, ${N}::int) g, u, c returning id, category_id, author_id),
      p as (
        insert into posts (thread_id, author_id, author_role, body, html, created_at, position)
        select th.id, th.author_id, 'fan', 'help', '<p>help</p>', ${T0}, 1 from th returning id, thread_id)
      insert into obligations (thread_id, category_id, opened_post_id, target_seconds, opened_at, warn_at, due_at)
      select p.thread_id, c.id, p.id, 900, ${T0}, ${new Date(T0.getTime() + 600_000)}, ${new Date(T0.getTime() + 900_000)} from p, c`);

    listener = new pg.Client({ connectionString: dbUrl });
    await listener.connect();
    // What the database itself announced: a notification carries one event, or (the sweeper's
    // batches) the ids of several, which are read back here the way instances read them.
    listener.on('notification', (msg) => {
      const e = JSON.parse(msg.payload!) as { type: string; topic: string; data: { obligationId: number } } | { ids: number[] };
      if ('ids' in e) {
        heardBatches.push(
          seedDb.db
            .execute(
              sql`select type, topic, (data->>'obligationId')::int as "obligationId" from events where id = any(${`{${e.ids.join(',')}}`}::bigint[])`,
            )
            .then((r) => {
              const rows = (r as unknown as { rows: { type: string; topic: string; obligationId: number }[] }).rows;
              expect(rows).toHaveLength(e.ids.length);
              for (const row of rows)
                if (row.topic === 'staff-queue') heard.push({ type: row.type, obligationId: Number(row.obligationId) });
            }),
        );
      } else if ((e.type === 'obligation.warned' || e.type === 'obligation.breached') && e.topic === 'staff-queue') {
        heard.push({ type: e.type, obligationId: e.data.obligationId });
      }
    });
    await listener.query('LISTEN kakera_events');

    await startInstance('kakera-a');
    const b = await startInstance('kakera-b');
    b.app.deps.events.subscribe((e) => {
      if ((e.type === 'obligation.warned' || e.type === 'obligation.breached') && e.topic === 'staff-queue') seenByB.push(e);
    });
  }, 60_000);

  afterAll(async () => {
    for (const i of instances) {
      if (i.closed) continue;
      await i.app.close().catch(() => {});
      await i.database.close().catch(() => {});
    }
    await listener?.end().catch(() => {});
    await seedDb?.close();
    await drop?.();
  });

  const exactlyOnce = (list: { type: string; obligationId: number }[], type: string) => {
    const ids = list.filter((e) => e.type === type).map((e) => e.obligationId);
    expect(ids).toHaveLength(N);
    expect(new Set(ids).size).toBe(N);
  };

  it('delivers every warning and every breach exactly once, with one instance killed mid-run', async () => {
    clock.set(T0.getTime() + 600_000); // two thirds: all 500 warn at once
    await expect.poll(async () => (await count('obligation.warned')).n, { timeout: 20_000, interval: 50 }).toBe(N);

    clock.set(T0.getTime() + 900_000); // due: all 500 breach at once
    await expect.poll(async () => (await count('obligation.breached')).n, { timeout: 20_000, interval: 5 }).toBeGreaterThan(0);
    // kill instance A: its connections die mid-transaction, then it goes away
    const a = instances[0]!;
    await seedDb.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'kakera-a'`);
    // Counted at once: closing A below may take longer than B needs to finish the run on a slow machine.
    const breachedAtKill = (await count('obligation.breached')).n;
    a.closed = true;
    await a.app.close().catch(() => {});
    await a.database.close().catch(() => {});

    await expect.poll(async () => (await count('obligation.breached')).n, { timeout: 20_000, interval: 50 }).toBe(N);
    await new Promise((r) => setTimeout(r, 500)); // let stragglers (if any) show themselves

    await Promise.all(heardBatches);
    expect(await count('obligation.warned')).toEqual({ n: N, distinct: N });
    expect(await count('obligation.breached')).toEqual({ n: N, distinct: N });
    exactlyOnce(heard, 'obligation.warned');
    exactlyOnce(heard, 'obligation.breached');
    const byB = seenByB.map((e) => ({ type: e.type, obligationId: (e.data as { obligationId: number }).obligationId }));
    exactlyOnce(byB, 'obligation.warned');
    exactlyOnce(byB, 'obligation.breached');
    const pending = await seedDb.db.execute(sql`select count(*)::int as n from obligations where warned_at is null or breached_at is null`);
    expect(Number((pending as unknown as { rows: { n: number }[] }).rows[0]!.n)).toBe(0);
    // the kill really happened mid-run
    expect(breachedAtKill).toBeLessThan(N);
  }, 60_000);
});
