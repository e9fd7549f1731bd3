import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp, type TestUser } from './helpers.ts';

// Conditional GETs (apps/api/src/plugins/etag.ts): an unchanged answer is a
// bodiless 304 to whoever already has it; a change gives a new ETag.
let t: TestApp;
let fan: TestUser;
let threadId: number;

beforeAll(async () => {
  t = await buildTestApp();
  const admin = await createUser(t, { role: 'admin' });
  fan = await createUser(t);
  const board = await createCategory(t, admin);
  threadId = (await createThread(t, fan, board.id, { kind: 'question' })).id;
});
afterAll(() => t?.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('ETags on API answers', () => {
  it('answers 304 with no body when the thread has not changed, 200 with a new tag when it has', async () => {
    const first = await get(`/api/threads/${threadId}`);
    expect(first.statusCode).toBe(200);
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^W\/".+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');

    const again = await get(`/api/threads/${threadId}`, { 'if-none-match': tag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(tag);
    // A strong form of the same tag, or a list holding it, matches too.
    expect((await get(`/api/threads/${threadId}`, { 'if-none-match': `"x", ${tag.slice(2)}` })).statusCode).toBe(304);

    await reply(t, fan, threadId, 'Something new');
    const changed = await get(`/api/threads/${threadId}`, { 'if-none-match': tag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(tag);
    expect(changed.json().posts).toHaveLength(2);
  });

  it('gives each reader the tag of what they see: the author’s answer (with its can flags) is not the guest’s', async () => {
    const guest = await get(`/api/threads/${threadId}`);
    const author = await get(`/api/threads/${threadId}`, { cookie: fan.cookie });
    expect(author.headers.etag).not.toBe(guest.headers.etag);
    expect((await get(`/api/threads/${threadId}`, { cookie: fan.cookie, 'if-none-match': guest.headers.etag as string })).statusCode).toBe(
      200,
    );
  });

  it('tags no staff queue: each of its answers carries the server’s now, so a tag could never match', async () => {
    const staff = await createUser(t, { role: 'staff' });
    const queue = await get('/api/sla/queue', { cookie: staff.cookie });
    expect(queue.statusCode).toBe(200);
    expect(queue.headers.etag).toBeUndefined();
    expect(queue.headers['cache-control']).toBe('private, no-cache');
    expect(queue.json().now).toEqual(expect.any(String));
  });

  it('tags neither errors nor writes', async () => {
    const missing = await get('/api/threads/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${threadId}/posts`,
      headers: { cookie: fan.cookie },
      payload: { body: 'A reply' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBeUndefined();
  });
});
