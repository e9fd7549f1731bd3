import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp, type TestUser } from './helpers.ts';
import { connectWs, connectWsTo, type Frame } from './ws-client.ts';

// The live socket must not be a way around REST's rules, nor a way to take
// the server down (issue: "Hardening"). Runs on PGlite, and on PostgreSQL in CI.

let t: TestApp;
let admin: TestUser;
let fan: TestUser;
let fan2: TestUser;
let staff: TestUser;
let categoryId: number;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createUser(t, { role: 'admin' });
  fan = await createUser(t);
  fan2 = await createUser(t);
  staff = await createUser(t, { role: 'staff' });
  categoryId = (await createCategory(t, admin)).id;
});
afterAll(() => t.close());

const connect = (cookie?: string) => connectWs(t.app, cookie);

/** The newest event id so far: a client that has seen everything until now would resume from here. */
async function lastEventId(): Promise<number> {
  const result = await t.database.db.execute(sql`select coalesce(max(id), 0)::int as id from events`);
  const rows = (result as { rows?: { id: number }[] }).rows ?? (result as unknown as { id: number }[]);
  return Number(rows[0]!.id);
}

async function send(method: string, url: string, user: TestUser, payload?: object) {
  const res = await t.app.inject({ method: method as 'POST', url, headers: { cookie: user.cookie }, ...(payload && { payload }) });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

const text = (frames: Frame[]) => JSON.stringify(frames);

describe('what a socket may see', () => {
  it('replays a deleted post to guests and fans without its words, as REST shows it; staff still see them', async () => {
    const thread = await createThread(t, fan, categoryId);
    const since = await lastEventId();
    const post = await reply(t, fan, thread.id, 'words the author took back');
    await send('DELETE', `/api/posts/${post.id}`, fan);

    for (const viewer of [undefined, fan2.cookie]) {
      const c = await connect(viewer);
      expect((await c.subscribe(`thread:${thread.id}`)).type).toBe('subscribed');
      const done = await c.resume(since);
      expect(done.type).toBe('resumed');
      const created = c.frames.find((f) => f.type === 'post.created');
      expect(created?.data?.post).toMatchObject({ id: post.id, body: '', html: '', deleted: true });
      expect(text(c.frames)).not.toContain('words the author took back');
      c.ws.terminate();
    }

    const s = await connect(staff.cookie);
    await s.subscribe(`thread:${thread.id}`);
    await s.resume(since);
    expect(text(s.frames)).toContain('words the author took back');
    s.ws.terminate();
  });

  it('never replays anything of a thread that staff hid to guests or fans, its title included', async () => {
    const since = await lastEventId();
    const thread = await createThread(t, fan, categoryId, { title: 'A title staff will hide', body: 'spam body text' });
    await reply(t, fan2, thread.id, 'a reply in the soon hidden thread');
    await send('POST', `/api/threads/${thread.id}/hide`, staff, { reason: 'spam' });

    for (const viewer of [undefined, fan.cookie, fan2.cookie]) {
      const c = await connect(viewer);
      expect((await c.subscribe(`category:${categoryId}`)).type).toBe('subscribed');
      // The thread's own topic is refused outright.
      expect((await c.subscribe(`thread:${thread.id}`)).type).toBe('error');
      expect((await c.resume(since)).type).toBe('resumed');
      expect(text(c.frames)).not.toContain('A title staff will hide');
      expect(text(c.frames)).not.toContain('a reply in the soon hidden thread');
      c.ws.terminate();
    }

    const s = await connect(staff.cookie);
    await s.subscribe(`category:${categoryId}`);
    await s.resume(since);
    expect(text(s.frames)).toContain('A title staff will hide');
    s.ws.terminate();
  });

  it('drops a reader subscribed before the hide, and sends the hidden thread’s new posts to staff only', async () => {
    const thread = await createThread(t, fan, categoryId);
    const guest = await connect();
    const author = await connect(fan.cookie);
    const staffWs = await connect(staff.cookie);
    for (const c of [guest, author, staffWs]) expect((await c.subscribe(`thread:${thread.id}`)).type).toBe('subscribed');

    await send('POST', `/api/threads/${thread.id}/hide`, staff, { reason: 'abuse' });
    for (const c of [guest, author]) {
      await c.next((f) => f.type === 'unsubscribed' && f.topic === `thread:${thread.id}` && f.reason === 'hidden');
    }
    await staffWs.next((f) => f.type === 'thread.hidden');

    await reply(t, staff, thread.id, 'staff talk inside the hidden thread');
    await staffWs.next((f) => f.type === 'post.created');
    // A later public event proves the guest's socket is still delivering: nothing of the hidden thread came before it.
    const other = await createThread(t, fan, categoryId);
    for (const c of [guest, author]) {
      await c.subscribe(`thread:${other.id}`);
      await reply(t, staff, other.id, `public answer for ${c === guest ? 'guest' : 'author'}`);
      await c.next((f) => f.type === 'post.created' && f.topic === `thread:${other.id}`);
      expect(text(c.frames)).not.toContain('staff talk inside the hidden thread');
    }

    // Shown again: readers may follow it again.
    await send('POST', `/api/threads/${thread.id}/unhide`, staff);
    expect((await guest.subscribe(`thread:${thread.id}`)).type).toBe('subscribed');
    for (const c of [guest, author, staffWs]) c.ws.terminate();
  });

  it('keeps staff-only topics to staff on replay too', async () => {
    const since = await lastEventId();
    await createThread(t, fan, categoryId);
    const c = await connect(fan.cookie);
    expect((await c.subscribe('staff-queue')).type).toBe('error');
    await c.resume(since);
    expect(c.frames.some((f) => f.type === 'obligation.opened')).toBe(false);
    c.ws.terminate();
  });
});

describe('a socket cannot stall or crash the server', () => {
  it('throttles a socket that floods, then closes it with 1008; other requests are served meanwhile', async () => {
    const thread = await createThread(t, fan, categoryId);
    const c = await connect();
    await c.subscribe(`thread:${thread.id}`);
    const waits: number[] = [];
    const pool = t.database.pool;
    let sampling = true;
    const sample = () => {
      if (pool) waits.push(pool.waitingCount);
      if (sampling) setImmediate(sample);
    };
    sample();
    for (let i = 0; i < 500; i++) c.send({ type: 'resume', since: 0 });
    const started = performance.now();
    const res = await t.app.inject({ method: 'GET', url: '/api/categories' });
    const servedInMs = performance.now() - started;
    const closed = await c.closed;
    sampling = false;
    expect(res.statusCode).toBe(200);
    expect(closed.code).toBe(1008);
    expect(c.frames.some((f) => f.type === 'error' && f.code === 'rate_limited')).toBe(true);
    // Generous: it is a few milliseconds; a flood that queues 500 replays ahead of it takes seconds.
    expect(servedInMs).toBeLessThan(2000);
    // On PostgreSQL: the socket never made requests queue for a pool connection.
    expect(Math.max(0, ...waits)).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('refuses a subscription past the per-socket limit, and frees the slot on unsubscribe', async () => {
    const limited = await buildTestApp({ WS_MAX_SUBSCRIPTIONS: '3' });
    try {
      const c = await connectWs(limited.app);
      for (const id of [1, 2, 3]) expect((await c.subscribe(`category:${id}`)).type).toBe('subscribed');
      const refused = await c.subscribe('category:4');
      expect(refused).toMatchObject({ type: 'error', code: 'too_many_subscriptions' });
      // Subscribing again to one it has is fine.
      expect((await c.subscribe('category:1')).type).toBe('subscribed');
      c.send({ type: 'unsubscribe', topic: 'category:2' });
      await c.next((f) => f.type === 'unsubscribed' && f.topic === 'category:2');
      expect((await c.subscribe('category:4')).type).toBe('subscribed');
      c.ws.terminate();
    } finally {
      await limited.close();
    }
  });

  it('closes sockets past the per-address limit', async () => {
    const limited = await buildTestApp({ WS_MAX_SOCKETS_PER_ADDRESS: '2' });
    try {
      const a = await connectWs(limited.app);
      const b = await connectWs(limited.app);
      const c = await connectWs(limited.app);
      expect((await c.closed).code).toBe(1008);
      expect((await a.subscribe('category:1')).type).toBe('subscribed');
      a.ws.terminate();
      b.ws.terminate();
    } finally {
      await limited.close();
    }
  });

  it('leaves no topic behind when its sockets close', async () => {
    // Real connections: the server sees each client go.
    const server = await buildTestApp();
    try {
      await server.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = server.app.server.address() as AddressInfo;
      const sockets = [];
      for (let i = 0; i < 40; i++) {
        const c = await connectWsTo(`ws://127.0.0.1:${port}/ws`);
        await c.subscribe(`category:${100_000 + i}`);
        await c.subscribe(`category:${200_000 + (i % 3)}`);
        sockets.push(c);
      }
      expect(server.app.hub.topicCount()).toBe(43);
      // Half unsubscribe first, then every socket goes, some abruptly.
      for (const [i, c] of sockets.entries()) if (i < 20) c.send({ type: 'unsubscribe', topic: `category:${100_000 + i}` });
      for (const [i, c] of sockets.entries()) {
        if (i % 2) c.ws.terminate();
        else c.ws.close();
      }
      await Promise.all(sockets.map((c) => c.closed));
      await expect.poll(() => server.app.hub.clientCount()).toBe(0);
      expect(server.app.hub.topicCount()).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('tells a client too far behind, or behind what was pruned, to reload instead of replaying everything', async () => {
    const small = await buildTestApp({ WS_RESUME_LIMIT: '3' });
    try {
      const a = await createUser(small, { role: 'admin' });
      const author = await createUser(small);
      const cat = await createCategory(small, a);
      const thread = await createThread(small, author, cat.id);
      const since = Number(
        ((await small.database.db.execute(sql`select max(id)::int as id from events`)) as unknown as { rows: { id: number }[] }).rows[0]!
          .id,
      );
      for (let i = 0; i < 3; i++) await reply(small, author, thread.id, `reply ${i}`);
      const c = await connectWs(small.app);
      await c.subscribe(`thread:${thread.id}`);
      expect(await c.resume(since)).toMatchObject({ type: 'resumed', count: 3 });
      await reply(small, author, thread.id, 'one too many');
      const behind = await c.resume(since);
      expect(behind).toMatchObject({ type: 'resumed', count: 0, reload: true });
      // Events pruned after `since`: a replay would have holes.
      await small.database.db.execute(sql`delete from events where id <= ${since + 1}`);
      expect(await c.resume(since)).toMatchObject({ type: 'resumed', reload: true });
      c.ws.terminate();
    } finally {
      await small.close();
    }
  });
});
