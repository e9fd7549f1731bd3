import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { ManualClock, systemClock } from '@kakera/core';
import { events as eventsTable, type Database } from '@kakera/db';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { buildTestApp, createCategory, createTestDatabase, createThread, createUser, reply, type TestApp } from './helpers.ts';
import { createAdmin, getJson, threadObligation } from './sla-helpers.ts';

describe('with a real timer (target 3 s, SLA_SWEEP_MS 200)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ SLA_SWEEP_MS: '200' }, systemClock);
  });
  afterAll(() => t.close());

  it('answered at once → met; left alone → one warning, one breach over the WebSocket; stats met 1, breached 1, compliance 0.5', async () => {
    const admin = await createAdmin(t);
    const fan = await createUser(t, { name: 'Fan' });
    const staff = await createUser(t, { role: 'staff', name: 'Staff' });
    const category = await createCategory(t, admin, { slaTargetSeconds: 3 });

    const ws = await t.app.injectWS('/ws', { headers: { cookie: staff.cookie } });
    const frames: { type: string; data?: { obligationId?: number } }[] = [];
    ws.on('message', (raw: Buffer) => frames.push(JSON.parse(String(raw))));
    ws.send(JSON.stringify({ type: 'subscribe', topic: 'staff-queue' }));
    await expect.poll(() => frames.some((f) => f.type === 'subscribed'), { timeout: 2000, interval: 10 }).toBe(true);

    const answered = await createThread(t, fan, category.id, { title: 'Answered at once' });
    await reply(t, staff, answered.id, 'Here to help');
    const alone = await createThread(t, fan, category.id, { title: 'Left alone' });
    const o = (await threadObligation(t, alone.id))!;

    // Due 3 s after it opened: wait for the breach (a loaded machine may run the sweep late), then
    // another second for any duplicate to show itself, so that 4 s is the least this waits.
    const start = Date.now();
    await expect.poll(() => frames.some((f) => f.type === 'obligation.breached'), { timeout: 10_000, interval: 20 }).toBe(true);
    await new Promise((r) => setTimeout(r, Math.max(1000, 4000 - (Date.now() - start))));

    const today = new Date();
    const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const { body } = await getJson(t, `/api/sla/stats?from=${day(-1)}&to=${day(1)}`, staff);
    expect(body.totals).toMatchObject({ obligations: 2, met: 1, breached: 1, compliance: 0.5 });

    const warned = frames.filter((f) => f.type === 'obligation.warned');
    const breached = frames.filter((f) => f.type === 'obligation.breached');
    expect(warned).toHaveLength(1);
    expect(breached).toHaveLength(1);
    expect(warned[0]!.data!.obligationId).toBe(o.id);
    expect(breached[0]!.data!.obligationId).toBe(o.id);
    ws.terminate();
  }, 15_000);
});

describe('across restarts', () => {
  let database: Database;
  let url: string | null;
  let drop: () => Promise<void>;
  const clock = new ManualClock('2026-01-15T09:00:00Z');

  const start = async () => {
    const config = loadConfig({
      SESSION_SECRET: 'test-secret-test-secret-test-secret-00',
      DATA_DIR: '/tmp/kakera-test-unused',
      RATE_LIMIT: 'off',
      LOG_LEVEL: 'silent',
      ADMIN_EMAILS: 'admin@test.dev',
      PUBLIC_URL: 'http://localhost:3000',
      SLA_SWEEP_MS: '600000',
      ...(url && { DATABASE_URL: url }),
    });
    const app = await buildApp({ config, database, clock, logger: false });
    await app.ready();
    return { app, database, clock, config, close: () => app.close() } as unknown as TestApp;
  };
  // What staff are sent (each warning and breach also goes to its thread's readers, once there too).
  const countEvents = async (type: string, obligationId: number, topic = 'staff-queue') => {
    const rows = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(eventsTable)
      .where(
        and(eq(eventsTable.type, type), eq(eventsTable.topic, topic), sql`(${eventsTable.data}->>'obligationId')::int = ${obligationId}`),
      );
    return Number(rows[0]!.n);
  };

  beforeAll(async () => {
    ({ database, url, drop } = await createTestDatabase());
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  it('a breach that fell due while the server was down fires once on start, and never again', async () => {
    let t = await start();
    const admin = await createAdmin(t);
    const fan = await createUser(t);
    const category = await createCategory(t, admin, { slaTargetSeconds: 60 });
    const thread = await createThread(t, fan, category.id);
    const o = (await threadObligation(t, thread.id))!;
    await t.close(); // down

    clock.advanceSeconds(3600);
    t = await start(); // the first sweep runs before the server is ready
    expect(await countEvents('obligation.breached', o.id)).toBe(1);
    // Staff hear of it; the thread's readers move its notice with their own clock (ObligationNotice).
    expect(await countEvents('obligation.breached', o.id, `thread:${thread.id}`)).toBe(0);
    expect(await countEvents('obligation.warned', o.id)).toBe(0);
    await t.app.slaSweeper.tick();
    await t.close();

    t = await start();
    await t.app.slaSweeper.tick();
    expect(await countEvents('obligation.breached', o.id)).toBe(1);
    await t.close();
  });
});
