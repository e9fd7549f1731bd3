import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createCategory, createThread, createUser, type TestApp, type TestUser } from './helpers.ts';

// POST /api/markdown/preview: the editor's Preview tab shows exactly what a
// post with that body will show, as safe as posts are, for those who may post.

let t: TestApp;
let fan: TestUser;

const preview = (body: unknown, cookie?: string) =>
  t.app.inject({ method: 'POST', url: '/api/markdown/preview', headers: cookie ? { cookie } : {}, payload: { body } });

beforeAll(async () => {
  t = await buildTestApp();
  fan = await createUser(t, { name: 'Preview Fan' });
});
afterAll(() => t?.close());

describe('POST /api/markdown/preview', () => {
  it('answers the HTML the post gets when it is posted', async () => {
    const admin = await createUser(t, { role: 'admin' });
    const body = '**Battery** drains _fast_ on 2.1\n\n- one\n- two\n\n> quoted [link](https://example.com)\n\n`adb logcat`';
    const res = await preview(body, fan.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const thread = await createThread(t, fan, (await createCategory(t, admin)).id, { body });
    const read = await t.app.inject({ method: 'GET', url: `/api/threads/${thread.id}` });
    const html = (read.json().posts as { html: string }[])[0]!.html;
    expect(res.json().html).toBe(html);
    expect(html).toContain('<strong>Battery</strong>');
  });

  it('escapes raw HTML and drops unsafe links, as posts do', async () => {
    const res = await preview('<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))', fan.cookie);
    expect(res.statusCode).toBe(200);
    const { html } = res.json() as { html: string };
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<a /);
  });

  it('is for those who may post: 401 for guests, 403 for a suspended user', async () => {
    const guest = await preview('**hi**');
    expect(guest.statusCode).toBe(401);
    expect(guest.json().error.code).toBe('unauthenticated');
    const suspended = await createUser(t, { suspended: true });
    const res = await preview('**hi**', suspended.cookie);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('suspended');
  });

  it('takes a body within a post’s limits (1 to 50,000 characters)', async () => {
    expect((await preview('x'.repeat(50_000), fan.cookie)).statusCode).toBe(200);
    const long = await preview('x'.repeat(50_001), fan.cookie);
    expect(long.statusCode).toBe(400);
    expect(long.json().error.code).toBe('invalid_input');
    expect((await preview('   ', fan.cookie)).statusCode).toBe(400);
    expect((await preview(42, fan.cookie)).statusCode).toBe(400);
  });
});

describe('its rate limit (RATE_LIMIT=on)', () => {
  let r: TestApp;
  beforeAll(async () => {
    r = await buildTestApp({ RATE_LIMIT: 'on' });
  });
  afterAll(() => r?.close());

  it('answers 429 with Retry-After past 60 previews a minute, per user', async () => {
    const writer = await createUser(r);
    const other = await createUser(r);
    const send = (cookie: string) =>
      r.app.inject({ method: 'POST', url: '/api/markdown/preview', headers: { cookie }, payload: { body: '_hi_' } });
    for (let i = 0; i < 60; i++) expect((await send(writer.cookie)).statusCode).toBe(200);
    const refused = await send(writer.cookie);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await send(other.cookie)).statusCode).toBe(200);
  });
});
