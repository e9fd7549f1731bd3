import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '@kakera/db';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp, type TestUser } from './helpers.ts';

// Staff tools on a thread: lock, pin, move (hide has its own tests).

let t: TestApp;
let staff: TestUser;
let fan: TestUser;
let slow: { id: number; slug: string };
let fast: { id: number; slug: string };

beforeAll(async () => {
  t = await buildTestApp({ SLA_SWEEP_MS: '600000' });
  const admin = await createUser(t, { role: 'admin' });
  staff = await createUser(t, { role: 'staff' });
  fan = await createUser(t);
  slow = await createCategory(t, admin, { slaTargetSeconds: 3600 });
  fast = await createCategory(t, admin, { slaTargetSeconds: 600 });
});
afterAll(() => t.close());

const post = (url: string, user: TestUser, payload: object) =>
  t.app.inject({ method: 'POST', url, headers: { cookie: user.cookie }, payload });
const get = async (url: string, user?: TestUser) =>
  (await t.app.inject({ method: 'GET', url, headers: user ? { cookie: user.cookie } : {} })).json();
const audited = async (action: string, threadId: number) =>
  t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, String(threadId))));

describe('lock', () => {
  it('stops fan replies, not staff ones; the thread says so; audited; unlock opens it again', async () => {
    const thread = await createThread(t, fan, slow.id);
    expect((await post(`/api/threads/${thread.id}/lock`, staff, { locked: true })).statusCode).toBe(200);
    const res = await post(`/api/threads/${thread.id}/posts`, fan, { body: 'Let me in' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('thread_locked');
    expect((await get(`/api/threads/${thread.id}`, fan)).thread).toMatchObject({ locked: true, can: { reply: false } });
    expect((await post(`/api/threads/${thread.id}/posts`, staff, { body: 'Staff may' })).statusCode).toBe(201);
    expect(await audited('thread.locked', thread.id)).toHaveLength(1);
    await post(`/api/threads/${thread.id}/lock`, staff, { locked: false });
    expect((await post(`/api/threads/${thread.id}/posts`, fan, { body: 'Back' })).statusCode).toBe(201);
    expect(await audited('thread.unlocked', thread.id)).toHaveLength(1);
  });
});

describe('hide', () => {
  it('tells staff reading a hidden thread that it is hidden, so that their page can offer to show it again', async () => {
    const thread = await createThread(t, fan, slow.id);
    expect((await get(`/api/threads/${thread.id}`, staff)).thread.hidden).toBe(false);
    expect((await post(`/api/threads/${thread.id}/hide`, staff, { reason: 'spam' })).statusCode).toBe(200);
    expect((await get(`/api/threads/${thread.id}`, staff)).thread.hidden).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `/api/threads/${thread.id}`, headers: { cookie: fan.cookie } })).statusCode).toBe(404);
    await post(`/api/threads/${thread.id}/unhide`, staff, {});
    expect((await get(`/api/threads/${thread.id}`, fan)).thread.hidden).toBe(false);
  });
});

describe('pin', () => {
  it('puts the thread on top of its board’s first page, whatever the order', async () => {
    const old = await createThread(t, fan, slow.id, { title: 'An old thread to pin' });
    t.clock.advanceSeconds(60);
    await createThread(t, fan, slow.id, { title: 'A newer one' });
    expect((await post(`/api/threads/${old.id}/pin`, staff, { pinned: true })).statusCode).toBe(200);
    for (const sort of ['latest', 'newest', 'top']) {
      const list = await get(`/api/categories/${slow.slug}/threads?sort=${sort}&limit=1`);
      expect(list.threads[0]).toMatchObject({ id: old.id, pinned: true });
      // …and only there: the pages after do not repeat it.
      let cursor = list.nextCursor as string | null;
      while (cursor) {
        const next = await get(`/api/categories/${slow.slug}/threads?sort=${sort}&limit=1&cursor=${cursor}`);
        expect(next.threads.map((x: { id: number }) => x.id)).not.toContain(old.id);
        cursor = next.nextCursor;
      }
    }
    expect(await audited('thread.pinned', old.id)).toHaveLength(1);
  });
});

describe('move', () => {
  it('moves the thread and its counts to the other board; the open obligation takes its target from the fan post', async () => {
    const thread = await createThread(t, fan, slow.id);
    await reply(t, fan, thread.id, 'Anyone?');
    const before = { slow: (await get('/api/categories')).categories.find((c: { id: number }) => c.id === slow.id) };
    t.clock.advanceSeconds(300);
    expect((await post(`/api/threads/${thread.id}/move`, staff, { categoryId: fast.id })).statusCode).toBe(200);
    const after = (await get('/api/categories')).categories;
    const slowNow = after.find((c: { id: number }) => c.id === slow.id);
    const fastNow = after.find((c: { id: number }) => c.id === fast.id);
    expect(slowNow.threadCount).toBe(before.slow.threadCount - 1);
    expect(slowNow.postCount).toBe(before.slow.postCount - 2);
    expect(fastNow.threadCount).toBeGreaterThanOrEqual(1);
    const view = (await get(`/api/threads/${thread.id}`, staff)).thread;
    expect(view.categoryId).toBe(fast.id);
    expect(view.obligation.targetSeconds).toBe(600);
    expect(Date.parse(view.obligation.dueAt) - Date.parse(view.obligation.openedAt)).toBe(600_000);
    const queue = await get(`/api/sla/queue?categoryId=${fast.id}`, staff);
    expect(queue.obligations.map((o: { threadId: number }) => o.threadId)).toContain(thread.id);
    expect(await audited('thread.moved', thread.id)).toEqual([expect.objectContaining({ data: { from: slow.id, to: fast.id } })]);
    expect((await post(`/api/threads/${thread.id}/move`, staff, { categoryId: 999_999 })).statusCode).toBe(404);
  });
});
