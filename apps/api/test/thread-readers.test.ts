import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThreadDetailResponse } from '@kakera/contracts';
import { getThread, type Actor } from '@kakera/core';
import { EVENTS_ONLY_AGES } from '../src/plugins/read-cache.ts';
import {
  buildTestApp,
  createCategory,
  createThread,
  createUser,
  eventsDelivered,
  reply,
  sessionCookie,
  statementsDuring,
  type TestApp,
  type TestUser,
} from './helpers.ts';

// A signed-in reader's thread JSON (apps/api/src/routes/thread-page-answer.ts):
// the page as their audience reads it comes from memory, shared by every
// reader of that audience (staff, or everyone else) and never across; their
// own likes, vote and `can` flags are worked out per request. Every answer
// is the one core makes for that reader (getThread), and a write is seen by
// the next read of everyone it concerns. On PGlite and PostgreSQL.
let t: TestApp;
let author: TestUser;
let other: TestUser;
let staff: TestUser;
let staff2: TestUser;
let board: { id: number; slug: string };
let threadId: number;
let opening: number;
let staffReply: number;
let otherReply: number;
let issueKey: string;

beforeAll(async () => {
  t = await buildTestApp();
  const admin = await createUser(t, { role: 'admin' });
  author = await createUser(t, { name: 'Asker Aki' });
  other = await createUser(t, { name: 'Helper Hana' });
  staff = await createUser(t, { role: 'staff', name: 'Support Sam' });
  staff2 = await createUser(t, { role: 'staff', name: 'Engineer Emi' });
  board = await createCategory(t, admin);
  threadId = (await createThread(t, author, board.id, { kind: 'question', title: 'The lens fogs up', body: 'Every morning.' })).id;
  staffReply = (await reply(t, staff, threadId, 'Which model?')).id;
  otherReply = (await reply(t, other, threadId, 'Mine too, a Kakera 12.')).id;
  const page = await get(author);
  opening = page.json().posts[0].id;
  await call('POST', `/api/posts/${otherReply}/like`, author);
  await call('POST', `/api/posts/${staffReply}/like`, other);
  issueKey = (await call('POST', `/api/threads/${threadId}/promote`, staff, {})).json().issue.key;
  await call('POST', `/api/issues/${issueKey}/vote`, other);
  // The background jobs (the sweeper, every second) use the same pool: stopped, so only reads are counted.
  await t.app.jobs.stop();
  // Five registrations (argon2 each): slow on a busy machine.
}, 180_000);
afterAll(() => t?.close());

const url = () => `/api/threads/${threadId}?limit=20`;
const get = (user?: TestUser, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: url(), headers: { ...headers, ...(user && { cookie: user.cookie }) } });
async function call(method: 'POST' | 'PATCH' | 'DELETE', path: string, user: TestUser, payload?: object) {
  const res = await t.app.inject({ method, url: path, headers: { cookie: user.cookie }, ...(payload && { payload }) });
  expect(res.statusCode, `${method} ${path}: ${res.body}`).toBeLessThan(300);
  return res;
}
const parts = () => t.app.readCache.stats().parts;
const actorOf = (u: TestUser, role: 'fan' | 'staff', suspended = false): Actor => ({
  kind: 'user',
  id: u.id,
  name: u.name,
  role,
  teamId: null,
  suspended,
});
/** What core's getThread gives `actor`, as the contract writes it. */
async function reference(actor: Actor) {
  return JSON.parse(JSON.stringify(ThreadDetailResponse.encode(await getThread(t.app.deps, actor, threadId, { page: 1, limit: 20 }))));
}
const byId = (answer: { posts: { id: number }[] }, id: number) => answer.posts.find((p) => p.id === id)!;

describe('a signed-in reader’s thread JSON', () => {
  it('gives two fans one page from memory, each with their own likes, vote and can flags', async () => {
    await eventsDelivered(t);
    const asAuthor = await get(author);
    const before = parts();
    let asOther: Awaited<ReturnType<typeof get>> | undefined;
    // The page is the one the author's read made; the other fan's own part is one statement.
    expect(await statementsDuring(t, async () => (asOther = await get(other)))).toBe(1);
    expect(parts().hits).toBe(before.hits + 1);
    expect(asAuthor.statusCode).toBe(200);
    expect(asOther!.statusCode).toBe(200);
    expect(asAuthor.headers['content-type']).toMatch(/^application\/json/);
    const a = asAuthor.json();
    const o = asOther!.json();
    // The author: their own opening post is theirs to edit, not to like; they may accept the replies.
    expect(byId(a, opening).can).toMatchObject({ edit: true, delete: true, like: false, flag: false, hide: false });
    expect(byId(a, otherReply)).toMatchObject({ likedByMe: true, can: { edit: false, like: true, flag: true, accept: true } });
    expect(byId(a, staffReply)).toMatchObject({ likedByMe: false, can: { accept: true } });
    expect(a.thread.can).toEqual({ reply: true, acceptAnswer: true, answerResolution: true, moderate: false });
    expect(a.thread.issue).toMatchObject({ key: issueKey, voteCount: 1, votedByMe: false, canVote: true });
    // The other fan: the same posts, their own marks and flags.
    expect(byId(o, opening)).toMatchObject({ likedByMe: false, can: { edit: false, like: true, flag: true } });
    expect(byId(o, otherReply)).toMatchObject({ likedByMe: false, can: { edit: true, like: false, accept: false } });
    expect(byId(o, staffReply)).toMatchObject({ likedByMe: true, can: { accept: false } });
    expect(o.thread.can).toEqual({ reply: true, acceptAnswer: false, answerResolution: false, moderate: false });
    expect(o.thread.issue).toMatchObject({ votedByMe: true, canVote: true });
    expect(o.posts.map((p: { body: string }) => p.body)).toEqual(a.posts.map((p: { body: string }) => p.body));
    // Each is exactly what core makes for that reader.
    expect(a).toEqual(await reference(actorOf(author, 'fan')));
    expect(o).toEqual(await reference(actorOf(other, 'fan')));
    // Read again: nothing to ask the database.
    expect(await statementsDuring(t, () => get(other))).toBe(0);
  });

  it('keeps a fan’s own part while the page is made again by age (it changes only with events), for at most EVENTS_ONLY_AGES ages', async () => {
    await eventsDelivered(t);
    await get(author);
    await get(other);
    const age = t.app.readCache.expiry() - t.clock.now().getTime();
    // The page has aged: the author's read makes it again; the other fan's marks are still the ones read.
    // (Only the marks' statement is counted: the sessions' own cache ages too.)
    const marks = /post_likes/;
    t.clock.advance(age + 1);
    await get(author);
    expect(await statementsDuring(t, () => get(other), marks)).toBe(0);
    // Past the longest they are kept, they are read again: one statement.
    t.clock.advance((EVENTS_ONLY_AGES - 1) * age);
    await get(author);
    expect(await statementsDuring(t, () => get(other), marks)).toBe(1);
    expect((await get(other)).json()).toEqual(await reference(actorOf(other, 'fan')));
  });

  it('shows a like and a vote at once: the liker their mark, everyone the new count', async () => {
    await eventsDelivered(t);
    await get(author);
    const before = parts();
    await get(other);
    expect(parts().hits).toBeGreaterThan(before.hits);
    await call('POST', `/api/posts/${opening}/like`, other);
    await call('DELETE', `/api/issues/${issueKey}/vote`, other);
    const o = (await get(other)).json();
    expect(byId(o, opening)).toMatchObject({ likedByMe: true, likeCount: 1 });
    expect(o.thread.issue).toMatchObject({ voteCount: 0, votedByMe: false });
    const a = (await get(author)).json();
    expect(byId(a, opening)).toMatchObject({ likedByMe: false, likeCount: 1 });
    expect(a.thread.issue).toMatchObject({ voteCount: 0, votedByMe: false });
    expect(byId((await get()).json(), opening).likeCount).toBe(1);
    await call('DELETE', `/api/posts/${opening}/like`, other);
    await call('POST', `/api/issues/${issueKey}/vote`, other);
    const again = (await get(other)).json();
    expect(byId(again, opening)).toMatchObject({ likedByMe: false, likeCount: 0 });
    expect(again.thread.issue).toMatchObject({ voteCount: 1, votedByMe: true });
    expect(byId((await get(author)).json(), opening).likeCount).toBe(0);
  });

  it('shows an edit at once to every reader', async () => {
    await eventsDelivered(t);
    await get(author);
    const before = parts();
    await get(other);
    expect(parts().hits).toBeGreaterThan(before.hits);
    await call('PATCH', `/api/posts/${opening}`, author, { body: 'Every morning, since **2.1**.' });
    for (const reader of [other, author, staff, undefined]) {
      const post = byId((await get(reader)).json(), opening);
      expect(post.body).toBe('Every morning, since **2.1**.');
      expect(post.html).toContain('<strong>2.1</strong>');
      expect(post.editedAt).not.toBeNull();
    }
  });

  it('hides a post from fans at once, keeps its words for staff, and never gives staff’s page to a fan or a fan’s to staff', async () => {
    await eventsDelivered(t);
    // Staff's page made first, then read by more staff from memory: a fan never gets it.
    await get(staff);
    const before = parts();
    await get(staff2);
    expect(parts().hits).toBe(before.hits + 1);
    await call('POST', `/api/posts/${otherReply}/hide`, staff, { reason: 'Off topic' });
    await eventsDelivered(t);
    const asStaff = (await get(staff)).json();
    expect(byId(asStaff, otherReply)).toMatchObject({ hidden: true, body: 'Mine too, a Kakera 12.', can: { hide: true, edit: true } });
    expect(asStaff.thread.can.moderate).toBe(true);
    for (const fan of [other, author]) {
      const post = byId((await get(fan)).json(), otherReply);
      expect(post).toMatchObject({ hidden: true, body: '', html: '', attachments: [] });
      expect(post.can).toMatchObject({ hide: false, flag: false });
    }
    // Made for a fan first this time: staff still get their own page, with the words.
    expect(byId((await get(staff2)).json(), otherReply).body).toBe('Mine too, a Kakera 12.');
    expect((await get(staff2)).json()).toEqual(await reference(actorOf(staff2, 'staff')));
    expect((await get(other)).json()).toEqual(await reference(actorOf(other, 'fan')));
    await call('POST', `/api/posts/${otherReply}/unhide`, staff);
    expect(byId((await get(author)).json(), otherReply).body).toBe('Mine too, a Kakera 12.');
  });

  it('answers a hidden thread to staff only, from the first read after the hide', async () => {
    await eventsDelivered(t);
    await get(other);
    await get(staff);
    const before = parts();
    await get(author);
    await get(staff2);
    expect(parts().hits).toBeGreaterThanOrEqual(before.hits + 2);
    await call('POST', `/api/threads/${threadId}/hide`, staff, { reason: 'Spam wave' });
    expect((await get(other)).statusCode).toBe(404);
    expect((await get()).statusCode).toBe(404);
    const asStaff = await get(staff);
    expect(asStaff.statusCode).toBe(200);
    expect(asStaff.json().thread.hidden).toBe(true);
    expect((await get(other)).statusCode).toBe(404);
    await call('POST', `/api/threads/${threadId}/unhide`, staff);
    expect((await get(other)).statusCode).toBe(200);
  });

  it('gives a suspended reader the shared page with their flags worked out as they are now', async () => {
    await call('POST', `/api/users/${other.id}/suspend`, staff, { suspended: true, reason: 'Cooling off' });
    // Suspension signs them out; they may sign in again to read.
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: other.email, password: 'correct horse battery' },
    });
    expect(login.statusCode, login.body).toBe(200);
    const suspended = { ...other, cookie: sessionCookie(login) };
    await eventsDelivered(t);
    await get(author);
    const before = parts();
    const o = (await get(suspended)).json();
    expect(o.thread.can.reply).toBe(false);
    expect(parts().hits).toBeGreaterThan(before.hits);
    expect(o.thread.can).toEqual({ reply: false, acceptAnswer: false, answerResolution: false, moderate: false });
    expect(o.thread.issue).toMatchObject({ votedByMe: true, canVote: false });
    // What they did still shows; what they may do is nothing but read.
    expect(byId(o, staffReply).likedByMe).toBe(true);
    for (const post of o.posts) expect(post.can).toMatchObject({ edit: false, delete: false, like: false, flag: false, accept: false });
    expect(o).toEqual(await reference(actorOf(other, 'fan', true)));
    await call('POST', `/api/users/${other.id}/suspend`, staff, { suspended: false });
    expect(byId((await get(suspended)).json(), otherReply).can.edit).toBe(true);
    other = suspended;
  });

  it('tags each reader’s answer apart, and answers each 304 for their own tag only, from memory', async () => {
    await eventsDelivered(t);
    const a = await get(author);
    const o = await get(other);
    expect(a.headers.etag).toMatch(/^W\/"/);
    expect(a.headers.etag).not.toBe(o.headers.etag);
    let notModified: Awaited<ReturnType<typeof get>> | undefined;
    expect(await statementsDuring(t, async () => (notModified = await get(author, { 'if-none-match': a.headers.etag as string })))).toBe(0);
    expect(notModified!.statusCode).toBe(304);
    expect((await get(other, { 'if-none-match': a.headers.etag as string })).statusCode).toBe(200);
    // The author's like changes their own answer (and the count everyone sees): the old tag no longer matches.
    await call('POST', `/api/posts/${staffReply}/like`, author);
    expect((await get(author, { 'if-none-match': a.headers.etag as string })).statusCode).toBe(200);
    await call('DELETE', `/api/posts/${staffReply}/like`, author);
  });
});
