import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createCategory, createUser, type TestApp, type TestUser } from './helpers.ts';

let t: TestApp;
let admin: TestUser;
let fan: TestUser;
let staff: TestUser;
let categoryId: number;

beforeAll(async () => {
  t = await buildTestApp();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: { email: 'admin@test.dev', password: 'admin password', name: 'Admin' },
  });
  expect(res.json().user.role).toBe('admin');
  admin = { id: res.json().user.id, cookie: `kakera_session=${res.cookies[0]!.value}`, email: 'admin@test.dev', name: 'Admin' };
  fan = await createUser(t, { name: 'Fan' });
  staff = await createUser(t, { role: 'staff', name: 'Staffer' });
  categoryId = (await createCategory(t, admin)).id;
});
afterAll(() => t.close());

describe('register → thread → reply → read', () => {
  it('creates a thread and a reply and returns both posts with the documented fields', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/threads',
      headers: { cookie: fan.cookie },
      payload: {
        categoryId,
        title: 'Screen flickers',
        body: 'It flickers <script>alert(1)</script>',
        kind: 'bug',
        report: { device: 'Pixel 8', softwareVersion: '3.2.0' },
      },
    });
    expect(created.statusCode).toBe(201);
    const thread = created.json().thread;
    expect(thread).toMatchObject({
      title: 'Screen flickers',
      kind: 'bug',
      categoryId,
      solved: false,
      report: { device: 'Pixel 8', softwareVersion: '3.2.0' },
    });

    const replied = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${thread.id}/posts`,
      headers: { cookie: staff.cookie },
      payload: { body: 'We are on it' },
    });
    expect(replied.statusCode).toBe(201);
    expect(replied.json().post).toMatchObject({ body: 'We are on it', authorRoleAtPost: 'staff' });

    const read = await t.app.inject({ method: 'GET', url: `/api/threads/${thread.id}` });
    expect(read.statusCode).toBe(200);
    const { thread: got, posts } = read.json();
    expect(got).toMatchObject({ id: thread.id, title: 'Screen flickers', kind: 'bug', categoryId, solved: false });
    expect(posts).toHaveLength(2);
    for (const p of posts) {
      expect(Object.keys(p)).toEqual(
        expect.arrayContaining(['id', 'body', 'html', 'author', 'authorRoleAtPost', 'createdAt', 'likeCount']),
      );
      expect(Object.keys(p.author)).toEqual(expect.arrayContaining(['id', 'name', 'role']));
    }
    expect(posts[0].author).toMatchObject({ id: fan.id, name: 'Fan', role: 'fan' });
    expect(posts[0].authorRoleAtPost).toBe('fan');
    expect(posts[0].html).toContain('&lt;script&gt;');
    expect(posts[0].html).not.toContain('<script');
    expect(posts[1].author).toMatchObject({ id: staff.id, role: 'staff' });
  });
});

describe('permissions and validation', () => {
  it('refuses a fan creating a category with 403', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/categories',
      headers: { cookie: fan.cookie },
      payload: { slug: 'nope', name: 'Nope' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });
  it('refuses a guest creating a thread with 401', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/threads', payload: { categoryId, title: 'Hello there', body: 'x' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });
  it('answers a missing title with 400 naming title, and creates nothing', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/categories' }))
      .json()
      .categories.find((c: { id: number }) => c.id === categoryId).threadCount;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/threads',
      headers: { cookie: fan.cookie },
      payload: { categoryId, body: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_input');
    expect(res.json().error.details.fields.map((f: { path: string }) => f.path)).toContain('title');
    const after = (await t.app.inject({ method: 'GET', url: '/api/categories' }))
      .json()
      .categories.find((c: { id: number }) => c.id === categoryId).threadCount;
    expect(after).toBe(before);
  });
  it('answers unknown ids with 404', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/threads/987654' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/categories/no-such/threads' })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/threads/987654/posts', headers: { cookie: fan.cookie }, payload: { body: 'x' } }))
        .statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/users/987654' })).statusCode).toBe(404);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/threads',
      headers: { cookie: fan.cookie },
      payload: { categoryId: 987654, title: 'Hello there', body: 'x' },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('profiles and the admin user list', () => {
  it('count the same visible threads and posts', async () => {
    const profile = (await t.app.inject({ method: 'GET', url: `/api/users/${fan.id}` })).json().user;
    expect(profile.threadCount).toBeGreaterThanOrEqual(1);
    expect(profile.postCount).toBeGreaterThanOrEqual(1);
    const list = await t.app.inject({ method: 'GET', url: '/api/users?q=Fan', headers: { cookie: admin.cookie } });
    expect(list.statusCode).toBe(200);
    const row = list.json().users.find((u: { id: number }) => u.id === fan.id);
    expect(row).toMatchObject({ email: fan.email, threadCount: profile.threadCount, postCount: profile.postCount });
  });
});
