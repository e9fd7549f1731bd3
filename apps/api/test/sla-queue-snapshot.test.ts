import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueResponse } from '@kakera/contracts';
import { findQueue, ManualClock, type Actor } from '@kakera/core';
import type { FastifyInstance } from 'fastify';
import {
  buildTestApp,
  startSecondInstance,
  createCategory,
  createThread,
  createUser,
  reply,
  type TestApp,
  type TestUser,
} from './helpers.ts';
import { createAdmin, getJson, send, threadObligation } from './sla-helpers.ts';

// The first page of the staff queue comes from an in-memory read model
// (packages/core/src/sla/queue-snapshot.ts). Whatever happens, and at any
// instant, it must answer exactly what a fresh query would.
describe('the staff queue read model', () => {
  let t: TestApp;
  let admin: TestUser;
  let staff: TestUser;
  let staffActor: Actor;
  let fan: TestUser;
  let fast: { id: number };
  let slow: { id: number };

  beforeAll(async () => {
    t = await buildTestApp({}, new ManualClock('2026-03-02T10:00:00Z'));
    admin = await createAdmin(t);
    staff = await createUser(t, { role: 'staff', name: 'Queue staff' });
    staffActor = { kind: 'user', id: staff.id, name: staff.name, role: 'staff', teamId: null, suspended: false };
    fan = await createUser(t, { name: 'Queue fan' });
    fast = await createCategory(t, admin, { slaTargetSeconds: 60 });
    slow = await createCategory(t, admin, { slaTargetSeconds: 900 });
  });
  afterAll(() => t.close());

  /** The API's answer (read model) against the same question put straight to the database. */
  async function expectFresh(label: string) {
    for (const query of ['', '?limit=2', `?categoryId=${fast.id}`, `?categoryId=${slow.id}&limit=1`]) {
      const served = await getJson(t, `/api/sla/queue${query}`, staff);
      expect(served.status, label).toBe(200);
      const params = new URLSearchParams(query);
      const fresh = await findQueue(t.app.deps, staffActor, {
        limit: Number(params.get('limit') ?? 100),
        cursor: undefined,
        categoryId: params.get('categoryId') ? Number(params.get('categoryId')) : undefined,
      });
      expect(served.body, `${label} (${query || 'no filter'})`).toEqual(JSON.parse(JSON.stringify(fresh)));
      // Written past the generic serializer, so hold it to the contract here.
      expect(QueueResponse.safeParse(served.body).success, label).toBe(true);
      if (served.body.nextCursor) {
        // A later page: its rows come from the database, its counts from the read model.
        const next = await getJson(t, `/api/sla/queue?limit=1&cursor=${encodeURIComponent(served.body.nextCursor)}`, staff);
        const freshNext = await findQueue(t.app.deps, staffActor, { limit: 1, cursor: served.body.nextCursor, categoryId: undefined });
        expect(next.body, `${label} (next page)`).toEqual(JSON.parse(JSON.stringify(freshNext)));
      }
    }
    return (await getJson(t, '/api/sla/queue', staff)).body as {
      obligations: { id: number; state: string; claimer: { name: string } | null }[];
      counts: { open: number; warned: number; breached: number };
    };
  }

  it('answers like a fresh query after every kind of change, and as time passes without a sweep', async () => {
    expect((await expectFresh('empty')).counts).toEqual({ open: 0, warned: 0, breached: 0 });

    const a = await createThread(t, fan, fast.id, { title: 'Fast one' });
    const oa = (await threadObligation(t, a.id))!;
    let q = await expectFresh('after a fan thread');
    expect(q.obligations.map((o) => o.id)).toEqual([oa.id]);

    t.clock.advance(10_000);
    const b = await createThread(t, fan, slow.id, { title: 'Slow one' });
    const ob = (await threadObligation(t, b.id))!;
    const c = await createThread(t, fan, slow.id, { title: 'Another slow one' });
    const oc = (await threadObligation(t, c.id))!;
    q = await expectFresh('three open');
    expect(q.counts).toEqual({ open: 3, warned: 0, breached: 0 });

    // Time moves and no sweeper runs: states and counts follow the clock.
    t.clock.advance(35_000); // 45 s into the 60 s target of the fast one: warned
    q = await expectFresh('fast one warned');
    expect(q.counts).toEqual({ open: 2, warned: 1, breached: 0 });
    t.clock.advance(15_000); // exactly its due time: breached
    q = await expectFresh('fast one breached');
    expect(q.obligations[0]).toMatchObject({ id: oa.id, state: 'breached' });
    expect(q.counts).toEqual({ open: 2, warned: 0, breached: 1 });

    expect((await send(t, 'POST', `/api/sla/obligations/${ob.id}/claim`, staff)).status).toBe(200);
    q = await expectFresh('claimed');
    expect(q.obligations.find((o) => o.id === ob.id)!.claimer).toEqual({ id: staff.id, name: staff.name });
    expect((await send(t, 'DELETE', `/api/sla/obligations/${ob.id}/claim`, staff)).status).toBe(200);
    q = await expectFresh('unclaimed');
    expect(q.obligations.find((o) => o.id === ob.id)!.claimer).toBeNull();

    await reply(t, staff, a.id, 'On it');
    q = await expectFresh('met by a staff answer');
    expect(q.obligations.map((o) => o.id)).toEqual([ob.id, oc.id]);

    expect((await send(t, 'POST', `/api/sla/obligations/${ob.id}/close`, staff, { reason: 'just a thank-you' })).status).toBe(200);
    q = await expectFresh('closed as no response needed');
    expect(q.obligations.map((o) => o.id)).toEqual([oc.id]);

    expect((await send(t, 'POST', `/api/threads/${c.id}/hide`, staff, { reason: 'spam' })).status).toBe(200);
    q = await expectFresh('cancelled by hiding the thread');
    expect(q.counts).toEqual({ open: 0, warned: 0, breached: 0 });

    const d = await createThread(t, fan, slow.id, { title: 'Deleted soon' });
    await expectFresh('one more');
    const first = (await getJson(t, `/api/threads/${d.id}`, fan)).body.posts[0].id as number;
    expect((await send(t, 'DELETE', `/api/posts/${first}`, fan)).status).toBe(200);
    q = await expectFresh('cancelled by deleting the fan post');
    expect(q.obligations).toEqual([]);

    // The sweeper's warnings and breaches are changes too.
    await createThread(t, fan, fast.id, { title: 'Left to the sweeper' });
    await expectFresh('before the sweep');
    t.clock.advance(61_000);
    await t.app.slaSweeper.tick();
    q = await expectFresh('after the sweep');
    expect(q.counts).toEqual({ open: 0, warned: 0, breached: 1 });
  });

  it('names on each row the fan waiting, the board and the first line of what they wrote', async () => {
    const phones = await createCategory(t, admin, { name: 'Phones', slaTargetSeconds: 900 });
    const thread = await createThread(t, fan, phones.id, {
      title: 'Battery',
      body: '\n## **Battery** drains [fast](https://x.example)\n\nSince 3.2',
    });
    const o = (await threadObligation(t, thread.id))!;
    await expectFresh('a fan waiting');
    const first = (await getJson(t, `/api/sla/queue?categoryId=${phones.id}`, staff)).body.obligations;
    expect(first.find((r: { id: number }) => r.id === o.id)).toMatchObject({
      author: { id: fan.id, name: 'Queue fan', role: 'fan', level: expect.any(Number), team: null },
      category: { id: phones.id, name: 'Phones' },
      excerpt: 'Battery drains fast',
    });
    // Answered, then the fan writes again: the new obligation shows the new post.
    await reply(t, staff, thread.id, 'Which model?');
    const other = await createUser(t, { name: 'Second fan' });
    await reply(t, other, thread.id, `Pixel 8 here too. ${'And more words. '.repeat(20)}`);
    const next = (await threadObligation(t, thread.id))!;
    const row = (await getJson(t, `/api/sla/queue?categoryId=${phones.id}`, staff)).body.obligations.find(
      (r: { id: number }) => r.id === next.id,
    );
    expect(row.author).toMatchObject({ id: other.id, name: 'Second fan', role: 'fan' });
    expect(row.excerpt).toMatch(/^Pixel 8 here too\. And more words\. .*…$/);
    expect([...row.excerpt].length).toBeLessThanOrEqual(140);
    await expectFresh('a longer post');
  });

  it('is for staff only, like the query', async () => {
    expect((await getJson(t, '/api/sla/queue', fan)).status).toBe(403);
    expect((await getJson(t, '/api/sla/queue')).status).toBe(401);
  });
});

// A change written through one instance shows on another's queue (NOTIFY
// reaches its read model); needs a real server for two pools.
const url = process.env.TEST_DATABASE_URL;
describe.skipIf(!url)('two instances on one PostgreSQL', () => {
  let a: TestApp;
  let b: FastifyInstance;
  let closeB: () => Promise<void>;

  beforeAll(async () => {
    a = await buildTestApp();
    ({ app: b, close: closeB } = await startSecondInstance(a));
  });
  afterAll(async () => {
    await closeB();
    await a.close();
  });

  it('sees a claim and a new fan thread written through the other instance', async () => {
    const admin = await createAdmin(a);
    const staff = await createUser(a, { role: 'staff', name: 'Staff on A' });
    const fan = await createUser(a);
    const category = await createCategory(a, admin);
    const onB = async () => (await b.inject({ method: 'GET', url: '/api/sla/queue', headers: { cookie: staff.cookie } })).json();

    expect((await onB()).obligations).toEqual([]); // B's read model is now warm, and empty
    const thread = await createThread(a, fan, category.id);
    await expect.poll(async () => (await onB()).obligations.length, { timeout: 3000, interval: 10 }).toBe(1);
    const id = (await onB()).obligations[0].id as number;
    expect(
      (await a.app.inject({ method: 'POST', url: `/api/sla/obligations/${id}/claim`, headers: { cookie: staff.cookie } })).statusCode,
    ).toBe(200);
    await expect.poll(async () => (await onB()).obligations[0].claimer?.name, { timeout: 3000, interval: 10 }).toBe('Staff on A');
    expect(thread.id).toBe((await onB()).obligations[0].threadId);
  });
});
