import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { categories } from '@kakera/db';
import { createReply, ManualClock, type EventPublisher } from '@kakera/core';
import { eq } from 'drizzle-orm';
import {
  buildTestApp,
  createCategory,
  createThread,
  createUser,
  eventsDelivered,
  reply,
  startSecondInstance,
  type TestApp,
  type TestUser,
} from './helpers.ts';
import { createReadCache } from '../src/plugins/read-cache.ts';

// Guests' answers kept as JSON (apps/api/src/plugins/read-cache.ts): served
// again from memory, never stale after a write on this process or an event
// from any instance, never past a response clock's change, never to anyone
// signed in (except lists core says read the same for a whole audience), and
// within its memory bound.
let t: TestApp;
let fan: TestUser;
let staff: TestUser;
let board: { id: number; slug: string; slaTargetSeconds: number };
let threadId: number;

beforeAll(async () => {
  // The sweeper ticks only when a test says so: its real one-second timer
  // would breach on the manual clock's time before a test's own tick, and its
  // events arrive late enough to drop what a test has just cached.
  t = await buildTestApp({}, new ManualClock(), { sweeper: { timer: false } });
  const admin = await createUser(t, { role: 'admin' });
  fan = await createUser(t);
  staff = await createUser(t, { role: 'staff' });
  board = await createCategory(t, admin, { name: 'Cameras' });
  threadId = (await createThread(t, fan, board.id, { kind: 'question', title: 'Night mode is blurry' })).id;
});
afterAll(() => t?.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const hits = () => t.app.readCache.stats().hits;

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

  it('shares a board’s list between guests and signed-in fans (one audience in core), never with staff, who also see hidden threads', async () => {
    const staff2 = await createUser(t, { role: 'staff' });
    const hidden = await createThread(t, fan, board.id, { title: 'Buy followers here' });
    const hide = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${hidden.id}/hide`,
      headers: { cookie: staff.cookie },
      payload: { reason: 'Spam' },
    });
    expect(hide.statusCode, hide.body).toBeLessThan(300);
    await eventsDelivered(t);
    const url = `/api/categories/${board.slug}/threads`;
    const asGuest = await get(url);
    const before = hits();
    const asFan = await get(url, { cookie: fan.cookie });
    expect(hits()).toBe(before + 1);
    expect(asFan.body).toBe(asGuest.body);
    expect(asFan.json().threads.map((th: { id: number }) => th.id)).not.toContain(hidden.id);
    const asStaff = await get(url, { cookie: staff.cookie });
    expect(hits()).toBe(before + 1);
    expect(asStaff.json().threads.map((th: { id: number }) => th.id)).toContain(hidden.id);
    // Staff share theirs among staff.
    expect((await get(url, { cookie: staff2.cookie })).body).toBe(asStaff.body);
    expect(hits()).toBe(before + 2);
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
    await eventsDelivered(t);
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
    await eventsDelivered(t);
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

describe('one answer per key at a time', () => {
  it('makes a cold answer once for guests asking at the same time, and gives them all the same', async () => {
    const url = `/api/threads/${threadId}?limit=7`;
    const { misses, shared } = t.app.readCache.stats();
    const answers = await Promise.all(Array.from({ length: 8 }, () => get(url)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(new Set(answers.map((a) => a.headers.etag)).size).toBe(1);
    // Eight misses, one made: seven were handed the first one's answer.
    expect(t.app.readCache.stats().misses).toBe(misses + 8);
    expect(t.app.readCache.stats().shared).toBe(shared + 7);
  });

  it('never makes a signed-in reader wait on a guest’s answer, nor a guest on an answer that is not kept', async () => {
    const url = `/api/threads/${threadId}?limit=6`;
    const { shared } = t.app.readCache.stats();
    const [guest, asStaff, asFan] = await Promise.all([get(url), get(url, { cookie: staff.cookie }), get(url, { cookie: fan.cookie })]);
    expect(guest.json().thread.can.moderate).toBe(false);
    expect(asStaff.json().thread.can.moderate).toBe(true);
    expect(asFan.json().posts[0].can.edit).toBe(true);
    // A 404 is not kept: those who asked with the first make their own.
    const missing = await Promise.all(Array.from({ length: 4 }, () => get('/api/threads/987654')));
    expect(missing.map((m) => m.statusCode)).toEqual([404, 404, 404, 404]);
    expect(t.app.readCache.stats()).toMatchObject({ shared, waiting: 0 });
  });
});

describe('the read cache’s flights', () => {
  const noEvents = { subscribe: () => () => {}, onRecord: () => () => {} } as unknown as EventPublisher;
  const answer = (text: string) => ({ body: Buffer.from(text), etag: `"${text}"` });
  const make = (maxWaitMs?: number) =>
    createReadCache({ clock: new ManualClock(), events: noEvents }, { maxBytes: 1 << 20, maxAgeMs: 5_000, maxWaitMs });
  const lead = (f: ReturnType<ReturnType<typeof make>['fly']>) => ('lead' in f ? f.lead : expect.fail('expected to lead'));
  const wait = (f: ReturnType<ReturnType<typeof make>['fly']>) => ('wait' in f ? f.wait : expect.fail('expected to wait'));

  it('hands what the leader stored to those who waited', async () => {
    const cache = make();
    const leader = lead(cache.fly('k'));
    const waiting = [wait(cache.fly('k')), wait(cache.fly('k'))];
    expect(cache.stats().waiting).toBe(2);
    leader.land(answer('one'));
    for (const entry of await Promise.all(waiting)) expect(entry?.body.toString()).toBe('one');
    expect(cache.get('k')?.body.toString()).toBe('one');
    expect(cache.stats()).toMatchObject({ shared: 2, waiting: 0 });
    // Landed: the next miss leads again.
    cache.drop();
    lead(cache.fly('k'));
  });

  it('lets nobody who asked after a drop have an answer begun before it', async () => {
    const cache = make();
    const before = lead(cache.fly('k'));
    const early = wait(cache.fly('k'));
    cache.drop();
    // Asked after the drop: leads its own, and those after it wait for that one.
    const after = lead(cache.fly('k'));
    const late = wait(cache.fly('k'));
    before.land(answer('old'));
    // Asked before the drop: the old answer is no older than what the cache could have given it then.
    expect((await early)?.body.toString()).toBe('old');
    expect(cache.get('k')).toBeUndefined();
    after.land(answer('new'));
    expect((await late)?.body.toString()).toBe('new');
    expect(cache.get('k')?.body.toString()).toBe('new');
  });

  it('sends those waiting on their own when the answer is not one to keep, or the leader is gone', async () => {
    const cache = make();
    const notKept = lead(cache.fly('a'));
    const a = wait(cache.fly('a'));
    notKept.land(); // a cookie, not a 200, an error, a closed connection
    expect(await a).toBeUndefined();
    const tooBig = lead(cache.fly('b'));
    const b = wait(cache.fly('b'));
    tooBig.land({ body: Buffer.alloc(200_000), etag: undefined });
    expect(await b).toBeUndefined();
    // The first landing counts, and only once.
    expect(notKept.land(answer('late'))).toBeUndefined();
    expect(cache.stats()).toMatchObject({ shared: 0, waiting: 0, entries: 0 });
  });

  it('waits no longer than maxWaitMs for a leader that hangs, and leaves no timer behind', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const cache = make(1_000);
      const hung = lead(cache.fly('k'));
      const waiting = wait(cache.fly('k'));
      expect(vi.getTimerCount()).toBe(1);
      vi.advanceTimersByTime(999);
      expect(cache.stats().waiting).toBe(1);
      vi.advanceTimersByTime(1);
      expect(await waiting).toBeUndefined();
      expect(cache.stats().waiting).toBe(0);
      // The next one leads instead of joining the hung one; its landing clears its timer.
      const next = lead(cache.fly('k'));
      const joined = wait(cache.fly('k'));
      next.land(answer('k'));
      expect((await joined)?.body.toString()).toBe('k');
      hung.land(answer('late'));
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('makes nobody wait when the cache is off', () => {
    const off = createReadCache({ clock: new ManualClock(), events: noEvents }, { maxBytes: 0, maxAgeMs: 5_000 });
    lead(off.fly('k'));
    lead(off.fly('k'));
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
