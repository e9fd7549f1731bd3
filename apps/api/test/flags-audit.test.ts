import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp, type TestUser } from './helpers.ts';

// Moderation: fans flag posts (once each), staff settle flags from a queue,
// suspend from a profile; every staff action lands in the audit log, which
// staff read and filter through GET /api/audit.

let t: TestApp;
let staff: TestUser;
let admin: TestUser;
let fan: TestUser;
let other: TestUser;
let author: TestUser;
let board: { id: number; slug: string };
let elsewhere: { id: number; slug: string };

beforeAll(async () => {
  t = await buildTestApp({ SLA_SWEEP_MS: '600000', TZ: 'Asia/Tokyo' });
  admin = await createUser(t, { role: 'admin' });
  staff = await createUser(t, { role: 'staff', name: 'Mod Staff' });
  fan = await createUser(t, { name: 'Flagging Fan' });
  other = await createUser(t, { name: 'Second Fan' });
  author = await createUser(t, { name: 'Spammy Author' });
  board = await createCategory(t, admin, { slaTargetSeconds: 3600 });
  elsewhere = await createCategory(t, admin, { slaTargetSeconds: 600 });
});
afterAll(() => t.close());

const post = (url: string, user: TestUser | null, payload: object = {}) =>
  t.app.inject({ method: 'POST', url, headers: user ? { cookie: user.cookie } : {}, payload });
const get = (url: string, user?: TestUser) => t.app.inject({ method: 'GET', url, headers: user ? { cookie: user.cookie } : {} });
const audit = async (query: string, user: TestUser = staff) => {
  const res = await get(`/api/audit?${query}`, user);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    entries: { action: string; targetType: string; targetId: string; actor: { id: number } | null; data: Record<string, unknown> }[];
    nextCursor: string | null;
  };
};

describe('flags', () => {
  it('a fan flags a post once; another fan may too; not one’s own post; `other` needs words', async () => {
    const thread = await createThread(t, author, board.id);
    const target = await reply(t, author, thread.id, 'Buy cheap followers');
    const first = await post(`/api/posts/${target.id}/flag`, fan, { reason: 'spam' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().flag).toMatchObject({
      reason: 'spam',
      status: 'open',
      reporter: { id: fan.id },
      post: { id: target.id, threadId: thread.id },
    });
    const again = await post(`/api/posts/${target.id}/flag`, fan, { reason: 'abuse' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
    expect((await post(`/api/posts/${target.id}/flag`, other, { reason: 'off_topic' })).statusCode).toBe(201);
    expect((await post(`/api/posts/${target.id}/flag`, author, { reason: 'spam' })).statusCode).toBe(403);
    expect((await post(`/api/posts/${target.id}/flag`, fan, { reason: 'other' })).statusCode).toBe(400);
    // The post says who may flag it.
    const page = (await get(`/api/threads/${thread.id}`, fan)).json();
    expect(page.posts[1].can).toMatchObject({ flag: true, hide: false });
    expect((await get(`/api/threads/${thread.id}`, author)).json().posts[1].can.flag).toBe(false);
    expect((await get(`/api/threads/${thread.id}`, staff)).json().posts[1].can.hide).toBe(true);
  });

  it('the queue is staff’s; resolving hides the post and settles every flag on it, audited in one go', async () => {
    const thread = await createThread(t, author, board.id);
    const target = await reply(t, author, thread.id, 'Rude words here');
    const a = (await post(`/api/posts/${target.id}/flag`, fan, { reason: 'abuse', note: 'Insults' })).json().flag;
    const b = (await post(`/api/posts/${target.id}/flag`, other, { reason: 'abuse' })).json().flag;
    expect((await get('/api/flags', fan)).statusCode).toBe(403);
    expect((await get('/api/flags')).statusCode).toBe(401);
    const queue = (await get('/api/flags?limit=100', staff)).json();
    expect(queue.flags.map((f: { id: number }) => f.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(queue.openCount).toBeGreaterThanOrEqual(2);

    const res = await post(`/api/flags/${a.id}/resolve`, staff, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().flag).toMatchObject({ status: 'resolved', settledBy: { id: staff.id }, post: { hidden: true } });
    expect((await post(`/api/flags/${b.id}/dismiss`, staff, {})).statusCode).toBe(409);
    const seen = (await get(`/api/threads/${thread.id}`, fan)).json().posts[1];
    expect(seen).toMatchObject({ hidden: true, body: '' });
    const open = (await get('/api/flags?limit=100', staff)).json().flags.map((f: { id: number }) => f.id);
    expect(open).not.toContain(a.id);
    expect(open).not.toContain(b.id);
    const resolved = (await get('/api/flags?status=resolved', staff)).json().flags.map((f: { id: number }) => f.id);
    expect(resolved).toEqual(expect.arrayContaining([a.id, b.id]));

    const flagLines = await audit(`target=flag:${a.id}`);
    expect(flagLines.entries).toHaveLength(1);
    expect(flagLines.entries[0]).toMatchObject({
      action: 'flag.resolved',
      actor: { id: staff.id },
      data: { postId: target.id, flags: [a.id, b.id] },
    });
    const postLines = await audit(`target=post:${target.id}`);
    expect(postLines.entries.map((e) => e.action)).toEqual(['post.hidden']);
    expect(postLines.entries[0]!.data.reason).toContain('abuse');
  });

  it('dismissing leaves the post as it was', async () => {
    const thread = await createThread(t, author, board.id);
    const target = await reply(t, author, thread.id, 'A fine post');
    const flag = (await post(`/api/posts/${target.id}/flag`, fan, { reason: 'off_topic' })).json().flag;
    const res = await post(`/api/flags/${flag.id}/dismiss`, staff, { reason: 'On topic enough' });
    expect(res.json().flag).toMatchObject({ status: 'dismissed', post: { hidden: false } });
    expect((await get(`/api/threads/${thread.id}`, fan)).json().posts[1]).toMatchObject({ hidden: false, body: 'A fine post' });
    expect((await audit(`target=flag:${flag.id}`)).entries[0]).toMatchObject({
      action: 'flag.dismissed',
      data: { reason: 'On topic enough' },
    });
  });
});

describe('the audit log', () => {
  it('holds lock, pin, move and hide, filtered by action, target, actor and day, paged by cursor; staff only', async () => {
    const day1 = new Date(t.clock.now());
    const thread = await createThread(t, author, board.id);
    const target = await reply(t, author, thread.id, 'Hide this one');
    expect((await post(`/api/threads/${thread.id}/lock`, staff, { locked: true })).statusCode).toBe(200);
    expect((await post(`/api/threads/${thread.id}/pin`, staff, { pinned: true })).statusCode).toBe(200);
    t.clock.advance(2 * 86_400_000);
    expect((await post(`/api/threads/${thread.id}/move`, admin, { categoryId: elsewhere.id })).statusCode).toBe(200);
    expect((await post(`/api/posts/${target.id}/hide`, staff, { reason: 'spam' })).statusCode).toBe(200);
    expect((await post(`/api/threads/${thread.id}/hide`, staff, { reason: 'all spam' })).statusCode).toBe(200);

    const onThread = await audit(`target=thread:${thread.id}`);
    expect(onThread.entries.map((e) => e.action)).toEqual(['thread.hidden', 'thread.moved', 'thread.pinned', 'thread.locked']);
    expect(onThread.entries[1]).toMatchObject({ actor: { id: admin.id }, data: { from: board.id, to: elsewhere.id } });
    expect(onThread.entries[0]!.data.reason).toBe('all spam');

    expect((await audit(`action=thread.moved&target=thread:${thread.id}`)).entries).toHaveLength(1);
    const prefix = (await audit(`action=thread.&target=thread:${thread.id}`)).entries;
    expect(prefix).toHaveLength(4);
    const byAdmin = (await audit(`actor=${admin.id}&target=thread:${thread.id}`)).entries;
    expect(byAdmin.map((e) => e.action)).toEqual(['thread.moved']);
    const local = (d: Date) => d.toLocaleDateString('en-CA', { timeZone: 'Asia/Tokyo' });
    const firstDay = (await audit(`target=thread:${thread.id}&from=${local(day1)}&to=${local(day1)}`)).entries;
    expect(firstDay.map((e) => e.action)).toEqual(['thread.pinned', 'thread.locked']);
    expect((await audit(`action=post.hidden&target=post:${target.id}`)).entries[0]).toMatchObject({ data: { reason: 'spam' } });

    // Paging: one line a page, newest first, every line once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await audit(`target=thread:${thread.id}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.entries.map((e) => e.action));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['thread.hidden', 'thread.moved', 'thread.pinned', 'thread.locked']);

    expect((await get('/api/audit', fan)).statusCode).toBe(403);
    expect((await get('/api/audit')).statusCode).toBe(401);
    expect((await get('/api/audit?target=thread:1;drop', staff)).statusCode).toBe(400);
  });
});

describe('the "Hidden" marker', () => {
  it('staff see a hidden thread marked hidden in its board’s list; fans do not list it', async () => {
    await createThread(t, author, board.id, { title: 'Shown in lists' });
    const thread = await createThread(t, author, board.id, { title: 'Marked hidden in lists' });
    await post(`/api/threads/${thread.id}/hide`, staff, { reason: 'spam' });
    const asStaff = (await get(`/api/categories/${board.slug}/threads?limit=100`, staff)).json().threads;
    expect(asStaff.find((x: { id: number }) => x.id === thread.id)).toMatchObject({ hidden: true });
    expect(asStaff.filter((x: { hidden: boolean }) => !x.hidden).length).toBeGreaterThan(0);
    const asFan = (await get(`/api/categories/${board.slug}/threads?limit=100`, fan)).json().threads;
    expect(asFan.map((x: { id: number }) => x.id)).not.toContain(thread.id);
  });
});

describe('suspension from a profile', () => {
  it('the profile says who may suspend; staff suspend a fan, who can then no longer write; audited with the reason', async () => {
    const victim = await createUser(t, { name: 'Troll Fan' });
    expect((await get(`/api/users/${victim.id}`, staff)).json().user.can).toEqual({ suspend: true, scorecard: false });
    expect((await get(`/api/users/${victim.id}`, fan)).json().user.can).toEqual({ suspend: false, scorecard: false });
    expect((await get(`/api/users/${victim.id}`)).json().user.can).toEqual({ suspend: false, scorecard: false });
    expect((await get(`/api/users/${admin.id}`, staff)).json().user.can).toEqual({ suspend: false, scorecard: true });
    expect((await get(`/api/users/${staff.id}`, admin)).json().user.can).toEqual({ suspend: true, scorecard: true });
    expect((await post(`/api/users/${admin.id}/suspend`, staff, { suspended: true })).statusCode).toBe(403);

    const res = await post(`/api/users/${victim.id}/suspend`, staff, { suspended: true, reason: 'Trolling' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({ suspended: true, can: { suspend: true } });
    const thread = await createThread(t, author, board.id);
    const relogin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: victim.email, password: 'correct horse battery' },
    });
    const cookie = `kakera_session=${relogin.cookies.find((c) => c.name === 'kakera_session')!.value}`;
    const blocked = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${thread.id}/posts`,
      headers: { cookie },
      payload: { body: 'Hello' },
    });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('suspended');

    await post(`/api/users/${victim.id}/suspend`, staff, { suspended: false });
    const lines = await audit(`target=user:${victim.id}`);
    expect(lines.entries.map((e) => e.action)).toEqual(['user.unsuspended', 'user.suspended']);
    expect(lines.entries[1]!.data.reason).toBe('Trolling');
  });
});
