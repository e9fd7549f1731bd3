import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { categories } from '@kakera/db';
import { createReply } from '@kakera/core';
import { eq, sql } from 'drizzle-orm';
import {
  buildTestApp,
  createCategory,
  createThread,
  createUser,
  reply,
  startSecondInstance,
  type TestApp,
  type TestUser,
} from './helpers.ts';

// Guests' answers kept as JSON (apps/api/src/plugins/read-cache.ts): served
// again from memory, never stale after a write on this process or an event
// from any instance, never past a response clock's change, never to anyone
// signed in, and within its memory bound.
let t: TestApp;
let fan: TestUser;
let staff: TestUser;
let board: { id: number; slug: string; slaTargetSeconds: number };
let threadId: number;

beforeAll(async () => {
  t = await buildTestApp();
  const admin = await createUser(t, { role: 'admin' });
  fan = await createUser(t);
  staff = await createUser(t, { role: 'staff' });
  board = await createCategory(t, admin, { name: 'Cameras' });
  threadId = (await createThread(t, fan, board.id, { kind: 'question', title: 'Night mode is blurry' })).id;
});
afterAll(() => t?.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const hits = () => t.app.readCache.stats().hits;
/** Earlier writes' events are delivered after their commits: waits until every stored one has arrived. */
async function quiet() {
  const [{ max }] = (await t.database.db.execute(sql`select coalesce(max(id), 0)::int as max from events`)).rows as [{ max: number }];
  await vi.waitFor(() => expect(t.app.deps.events.latestId()).toBeGreaterThanOrEqual(max), { timeout: 5000, interval: 10 });
}

describe('the read cache', () => {
  it('serves a guest the same answer and tag again from memory', async () => {
    const first = await get(`/api/threads/${threadId}`);
    const before = hits();
    const again = await get(`/api/threads/${threadId}`);
    expect(hits()).toBe(before + 1);
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['content-type']).toMatch(/^application\/json/);
    // The tag still answers a conditional GET from the cache.
    expect((await get(`/api/threads/${threadId}`, { 'if-none-match': first.headers.etag as string })).statusCode).toBe(304);
  });

  it('never serves a signed-in reader the guest’s answer', async () => {
    await get(`/api/threads/${threadId}`);
    const before = hits();
    const asStaff = (await get(`/api/threads/${threadId}`, { cookie: staff.cookie })).json();
    const asAuthor = (await get(`/api/threads/${threadId}`, { cookie: fan.cookie })).json();
    expect(hits()).toBe(before);
    expect(asStaff.thread.can.moderate).toBe(true);
    expect(asAuthor.posts[0].can.edit).toBe(true);
    expect((await get(`/api/threads/${threadId}`)).json().thread.can.moderate).toBe(false);
  });

  it('shows a guest a reply made over HTTP on their next read', async () => {
    const before = (await get(`/api/threads/${threadId}`)).json().posts.length;
    const list = (await get(`/api/categories/${board.slug}/threads`)).json();
    await reply(t, fan, threadId, 'Also on the front camera');
    expect((await get(`/api/threads/${threadId}`)).json().posts).toHaveLength(before + 1);
    const after = (await get(`/api/categories/${board.slug}/threads`)).json();
    expect(after.threads[0].replyCount).toBe(list.threads[0].replyCount + 1);
  });

  it('shows a write made without HTTP (a job, a script) as soon as its event is recorded', async () => {
    const before = (await get(`/api/threads/${threadId}`)).json().posts.length;
    const actor = { kind: 'user' as const, id: staff.id, name: staff.name, role: 'staff' as const, teamId: null, suspended: false };
    await createReply(t.app.deps, actor, threadId, 'Fixed in 2.1, please update');
    expect((await get(`/api/threads/${threadId}`)).json().posts).toHaveLength(before + 1);
  });

  it('keeps a change that carries no event at most five seconds', async () => {
    expect((await get(`/api/categories/${board.slug}`)).json().category.name).toBe('Cameras');
    await t.database.db.update(categories).set({ name: 'Camera' }).where(eq(categories.id, board.id));
    t.clock.advance(4_000);
    expect((await get(`/api/categories/${board.slug}`)).json().category.name).toBe('Cameras');
    t.clock.advance(1_000);
    expect((await get(`/api/categories/${board.slug}`)).json().category.name).toBe('Camera');
  });

  it('never shows a response clock’s state past the instant it changes', async () => {
    const question = (await createThread(t, fan, board.id, { kind: 'question', title: 'Battery drains overnight' })).id;
    const shown = (await get(`/api/threads/${question}`)).json().thread.obligation;
    expect(shown.state).toBe('open');
    t.clock.set(new Date(new Date(shown.warnAt).getTime() - 1_000));
    expect((await get(`/api/threads/${question}`)).json().thread.obligation.state).toBe('open');
    t.clock.advance(1_000);
    expect((await get(`/api/threads/${question}`)).json().thread.obligation.state).toBe('warned');
    t.clock.set(new Date(new Date(shown.dueAt).getTime() - 1_000));
    expect((await get(`/api/threads/${question}`)).json().thread.obligation.state).toBe('warned');
    t.clock.advance(1_000);
    expect((await get(`/api/threads/${question}`)).json().thread.obligation.state).toBe('breached');
  });

  it('keeps guests’ answers through the sweeper’s warnings and breaches, which change none of them', async () => {
    const question = (await createThread(t, fan, board.id, { kind: 'question', title: 'Wi-Fi drops every hour' })).id;
    const due = new Date((await get(`/api/threads/${question}`)).json().thread.obligation.dueAt);
    t.clock.set(due);
    await quiet();
    await get(`/api/categories/${board.slug}/threads`);
    const drops = t.app.readCache.stats().drops;
    const swept = await t.app.slaSweeper.tick();
    expect(swept.breached).toBeGreaterThan(0);
    expect(t.app.readCache.stats().drops).toBe(drops);
    const before = hits();
    await get(`/api/categories/${board.slug}/threads`);
    expect(hits()).toBe(before + 1);
    // The thread's own answer was kept only until its clock's state moved.
    expect((await get(`/api/threads/${question}`)).json().thread.obligation.state).toBe('breached');
  });

  it('does not drop everything for a Markdown preview, which changes nothing', async () => {
    await quiet();
    await get(`/api/threads/${threadId}`);
    const drops = t.app.readCache.stats().drops;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/markdown/preview',
      headers: { cookie: fan.cookie },
      payload: { body: '**hi**' },
    });
    expect(res.statusCode).toBe(200);
    expect(t.app.readCache.stats().drops).toBe(drops);
  });
});

describe('the read cache’s memory', () => {
  let small: TestApp;
  afterAll(() => small?.close());

  it('stays within READ_CACHE_MB, letting the least recently read answers go first', async () => {
    small = await buildTestApp({ READ_CACHE_MB: '1' });
    const admin = await createUser(small, { role: 'admin' });
    const author = await createUser(small);
    const cat = await createCategory(small, admin);
    const id = (await createThread(small, author, cat.id, { body: 'x'.repeat(8_000) })).id;
    for (let i = 0; i < 3; i++) await reply(small, author, id, `${i} ${'y'.repeat(8_000)}`);
    // About 64 KB of JSON each (Markdown and HTML): 30 distinct pages are nearly twice the megabyte.
    for (let limit = 10; limit < 40; limit++) await small.app.inject({ method: 'GET', url: `/api/threads/${id}?limit=${limit}` });
    const { bytes, entries } = small.app.readCache.stats();
    expect(bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(entries).toBeGreaterThan(5);
    expect(entries).toBeLessThan(30);
    const hitsBefore = small.app.readCache.stats().hits;
    await small.app.inject({ method: 'GET', url: `/api/threads/${id}?limit=39` });
    expect(small.app.readCache.stats().hits).toBe(hitsBefore + 1);
    await small.app.inject({ method: 'GET', url: `/api/threads/${id}?limit=10` });
    expect(small.app.readCache.stats().hits).toBe(hitsBefore + 1);
  });

  it('is off with READ_CACHE_MB=0', async () => {
    const off = await buildTestApp({ READ_CACHE_MB: '0' });
    try {
      const admin = await createUser(off, { role: 'admin' });
      const cat = await createCategory(off, admin);
      await off.app.inject({ method: 'GET', url: `/api/categories/${cat.slug}/threads` });
      await off.app.inject({ method: 'GET', url: `/api/categories/${cat.slug}/threads` });
      expect(off.app.readCache.stats()).toMatchObject({ hits: 0, entries: 0 });
    } finally {
      await off.close();
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('the read cache with two instances', () => {
  it('drops a guest’s answer on one instance when a reply is made on the other', async () => {
    const second = await startSecondInstance(t);
    try {
      const url = `/api/threads/${threadId}`;
      const before = (await get(url)).json().posts.length;
      await get(url);
      const res = await second.app.inject({
        method: 'POST',
        url: `/api/threads/${threadId}/posts`,
        headers: { cookie: fan.cookie },
        payload: { body: 'Written through the other instance' },
      });
      expect(res.statusCode).toBe(201);
      await vi.waitFor(async () => expect((await get(url)).json().posts).toHaveLength(before + 1), { timeout: 5000, interval: 20 });
    } finally {
      await second.close();
    }
  });
});
