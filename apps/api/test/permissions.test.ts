import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp, type TestUser } from './helpers.ts';

// Every mutating endpoint against every role: guest, fan, staff, executive,
// admin and a suspended user. Expectations follow product.md:
// - fans (and everyone signed in) post threads and replies, like posts;
// - the thread's author or staff accept an answer; only the author answers
//   "did this solve your problem?";
// - authors edit and delete their own posts; staff may too (moderation);
// - admins own categories and users' roles, teams and suspension;
// - a suspended user may read and sign out, and nothing else.
// "staff" for these rules means the roles staff, executive and admin.

type Role = 'guest' | 'fan' | 'staff' | 'executive' | 'admin' | 'suspended';
const ROLES: Role[] = ['guest', 'fan', 'staff', 'executive', 'admin', 'suspended'];

let t: TestApp;
let actors: Record<Exclude<Role, 'guest'>, TestUser>;
let owner: TestUser; // a fan who authors the threads and posts acted on
let staffHelper: TestUser;
let categoryId: number;
let categorySlug: string;

beforeAll(async () => {
  t = await buildTestApp();
  const admin = await createUser(t, { role: 'admin', name: 'Perm Admin' });
  actors = {
    fan: await createUser(t, { name: 'Perm Fan' }),
    staff: await createUser(t, { role: 'staff', name: 'Perm Staff' }),
    executive: await createUser(t, { role: 'executive', name: 'Perm Exec' }),
    admin,
    suspended: await createUser(t, { name: 'Perm Suspended', suspended: true }),
  };
  owner = await createUser(t, { name: 'Perm Owner' });
  staffHelper = await createUser(t, { role: 'staff', name: 'Perm Helper' });
  const category = await createCategory(t, admin);
  categoryId = category.id;
  categorySlug = category.slug;
});
afterAll(() => t?.close());

const cookieOf = (role: Role) => (role === 'guest' ? {} : { cookie: actors[role].cookie });
/** A reply by `owner` in a thread of their own, for the cases that act on someone's post. */
const freshPost = async (body: string) => reply(t, owner, (await createThread(t, owner, categoryId)).id, body);

const inject = (role: Role, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
  t.app.inject({ method, url, headers: cookieOf(role), ...(payload !== undefined && { payload: payload as object }) });

// Expected statuses. 401 = must sign in; 403 = signed in but not allowed (or suspended).
const anyWriter = { guest: 401, fan: 'ok', staff: 'ok', executive: 'ok', admin: 'ok', suspended: 403 } as const;
const staffOnly = { guest: 401, fan: 403, staff: 'ok', executive: 'ok', admin: 'ok', suspended: 403 } as const;
const adminOnly = { guest: 401, fan: 403, staff: 403, executive: 403, admin: 'ok', suspended: 403 } as const;
const authorOnly = { guest: 401, fan: 403, staff: 403, executive: 403, admin: 403, suspended: 403 } as const;
type Expect = Record<Role, number | 'ok'>;

interface Case {
  name: string;
  ok: number;
  expect: Expect;
  /** Fresh targets for each role, so one role's success does not change another's answer. */
  run(role: Role): Promise<LightMyRequestResponse>;
}

let slugSeq = 0;
const cases: Case[] = [
  {
    name: 'POST /api/categories',
    ok: 201,
    expect: adminOnly,
    run: (role) => inject(role, 'POST', '/api/categories', { slug: `perm-new-${++slugSeq}`, name: 'New board' }),
  },
  {
    name: 'PATCH /api/categories/:slug',
    ok: 200,
    expect: adminOnly,
    run: (role) => inject(role, 'PATCH', `/api/categories/${categorySlug}`, { slaTargetSeconds: 600 + slugSeq++ }),
  },
  {
    name: 'PATCH /api/users/:id',
    ok: 200,
    expect: adminOnly,
    run: async (role) => {
      const target = await createUser(t, { name: 'Perm Target' });
      return inject(role, 'PATCH', `/api/users/${target.id}`, { role: 'staff', team: 'Support' });
    },
  },
  {
    name: 'PATCH /api/me',
    ok: 200,
    // A suspended user may still choose their language (reading is allowed); renaming is checked below.
    expect: { ...anyWriter, suspended: 'ok' },
    run: (role) => inject(role, 'PATCH', '/api/me', { locale: 'ja' }),
  },
  {
    name: 'POST /api/threads',
    ok: 201,
    expect: anyWriter,
    run: (role) => inject(role, 'POST', '/api/threads', { categoryId, title: 'Permission check', body: 'Hello', kind: 'question' }),
  },
  {
    name: 'POST /api/threads/:id/posts',
    ok: 201,
    expect: anyWriter,
    run: async (role) => {
      const thread = await createThread(t, owner, categoryId);
      return inject(role, 'POST', `/api/threads/${thread.id}/posts`, { body: 'A reply' });
    },
  },
  {
    name: 'POST /api/threads/:id/accept (not the thread’s author)',
    ok: 200,
    expect: staffOnly,
    run: async (role) => {
      const thread = await createThread(t, owner, categoryId);
      const answer = await reply(t, staffHelper, thread.id, 'Try this');
      return inject(role, 'POST', `/api/threads/${thread.id}/accept`, { postId: answer.id });
    },
  },
  {
    name: 'DELETE /api/threads/:id/accept (not the thread’s author)',
    ok: 200,
    expect: staffOnly,
    run: async (role) => {
      const thread = await createThread(t, owner, categoryId);
      const answer = await reply(t, staffHelper, thread.id, 'Try this');
      await t.app.inject({
        method: 'POST',
        url: `/api/threads/${thread.id}/accept`,
        headers: { cookie: owner.cookie },
        payload: { postId: answer.id },
      });
      return inject(role, 'DELETE', `/api/threads/${thread.id}/accept`);
    },
  },
  {
    name: 'POST /api/threads/:id/resolution (not the thread’s author)',
    ok: 200,
    expect: authorOnly,
    run: async (role) => {
      const thread = await createThread(t, owner, categoryId);
      await reply(t, staffHelper, thread.id, 'Does this help?');
      return inject(role, 'POST', `/api/threads/${thread.id}/resolution`, { solved: true });
    },
  },
  {
    name: 'PATCH /api/posts/:id (someone else’s post)',
    ok: 200,
    expect: staffOnly,
    run: async (role) => {
      const post = await freshPost('Original words');
      return inject(role, 'PATCH', `/api/posts/${post.id}`, { body: 'Changed words' });
    },
  },
  {
    name: 'DELETE /api/posts/:id (someone else’s post)',
    ok: 200,
    expect: staffOnly,
    run: async (role) => {
      const post = await freshPost('Delete me');
      return inject(role, 'DELETE', `/api/posts/${post.id}`);
    },
  },
  {
    name: 'POST /api/posts/:id/like (someone else’s post)',
    ok: 200,
    expect: anyWriter,
    run: async (role) => {
      const post = await freshPost('Like me');
      return inject(role, 'POST', `/api/posts/${post.id}/like`);
    },
  },
  {
    name: 'DELETE /api/posts/:id/like',
    ok: 200,
    expect: anyWriter,
    run: async (role) => {
      const post = await freshPost('Unlike me');
      return inject(role, 'DELETE', `/api/posts/${post.id}/like`);
    },
  },
  {
    name: 'POST /api/auth/logout',
    ok: 200,
    // Everyone may sign out, a suspended user too. Fresh sessions so the actors keep theirs.
    expect: { guest: 'ok', fan: 'ok', staff: 'ok', executive: 'ok', admin: 'ok', suspended: 'ok' },
    run: async (role) => {
      if (role === 'guest') return inject('guest', 'POST', '/api/auth/logout');
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: actors[role].email, password: 'correct horse battery' },
      });
      expect(res.statusCode).toBe(200);
      const cookie = `kakera_session=${res.cookies.find((c) => c.name === 'kakera_session')!.value}`;
      return t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    },
  },
];

describe.each(cases)('$name', (c) => {
  it.each(ROLES)('as %s', async (role) => {
    const want = c.expect[role] === 'ok' ? c.ok : c.expect[role];
    const res = await c.run(role);
    expect(res.statusCode, `${c.name} as ${role}: ${res.body.slice(0, 300)}`).toBe(want);
    if (want === 401) expect(res.json().error.code).toBe('unauthenticated');
    if (want === 403) expect(res.json().error.code).toBe(role === 'suspended' ? 'suspended' : 'forbidden');
  });
});

describe('the author of a thread or post', () => {
  it('accepts an answer and clears it on their own thread', async () => {
    const thread = await createThread(t, owner, categoryId);
    const answer = await reply(t, staffHelper, thread.id, 'Try this');
    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${thread.id}/accept`,
      headers: { cookie: owner.cookie },
      payload: { postId: answer.id },
    });
    expect(accept.statusCode).toBe(200);
    const clear = await t.app.inject({ method: 'DELETE', url: `/api/threads/${thread.id}/accept`, headers: { cookie: owner.cookie } });
    expect(clear.statusCode).toBe(200);
  });

  it('answers "did this solve your problem?" on their own thread', async () => {
    const thread = await createThread(t, owner, categoryId);
    await reply(t, staffHelper, thread.id, 'Does this help?');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${thread.id}/resolution`,
      headers: { cookie: owner.cookie },
      payload: { solved: true },
    });
    expect(res.statusCode).toBe(200);
  });

  it('edits and deletes their own post, and cannot like it', async () => {
    const post = await freshPost('Mine');
    const like = await t.app.inject({ method: 'POST', url: `/api/posts/${post.id}/like`, headers: { cookie: owner.cookie } });
    expect(like.statusCode).toBe(403);
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/posts/${post.id}`,
      headers: { cookie: owner.cookie },
      payload: { body: 'Mine, edited' },
    });
    expect(edit.statusCode).toBe(200);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/posts/${post.id}`, headers: { cookie: owner.cookie } });
    expect(del.statusCode).toBe(200);
  });

  it('cannot act on their own posts once suspended', async () => {
    const author = await createUser(t, { name: 'Soon Suspended' });
    const thread = await createThread(t, author, categoryId);
    const post = await reply(t, author, thread.id, 'Before suspension');
    await reply(t, staffHelper, thread.id, 'Staff answer');
    const admin = actors.admin;
    // Suspending signs the user out everywhere; they sign in again and still cannot write.
    const suspend = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${author.id}`,
      headers: { cookie: admin.cookie },
      payload: { suspended: true },
    });
    expect(suspend.statusCode).toBe(200);
    expect(suspend.json().user.suspended).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: author.cookie } })).statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: author.email, password: 'correct horse battery' },
    });
    const cookie =
      again.statusCode === 200 ? `kakera_session=${again.cookies.find((c) => c.name === 'kakera_session')!.value}` : author.cookie;
    for (const [method, url, payload] of [
      ['PATCH', `/api/posts/${post.id}`, { body: 'Edited while suspended' }],
      ['DELETE', `/api/posts/${post.id}`, undefined],
      ['POST', `/api/threads/${thread.id}/resolution`, { solved: true }],
      ['POST', `/api/threads/${thread.id}/posts`, { body: 'Reply while suspended' }],
      ['PATCH', '/api/me', { name: 'New Name' }],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: { cookie }, ...(payload && { payload }) });
      expect(res.statusCode, `${method} ${url}`).toBe(again.statusCode === 200 ? 403 : 401);
    }
    // Lifting the suspension lets them write again.
    await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${author.id}`,
      headers: { cookie: admin.cookie },
      payload: { suspended: false },
    });
    const back = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: author.email, password: 'correct horse battery' },
    });
    expect(back.statusCode).toBe(200);
    const fresh = `kakera_session=${back.cookies.find((c) => c.name === 'kakera_session')!.value}`;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${thread.id}/posts`,
      headers: { cookie: fresh },
      payload: { body: 'Back again' },
    });
    expect(res.statusCode).toBe(201);
  });
});

describe('admin-only reads and admin safety', () => {
  it('GET /api/users is for admins only', async () => {
    for (const role of ROLES) {
      const res = await t.app.inject({ method: 'GET', url: '/api/users', headers: cookieOf(role) });
      const want = role === 'admin' ? 200 : role === 'guest' ? 401 : 403;
      expect(res.statusCode, role).toBe(want);
    }
  });

  it('an admin cannot demote or suspend themselves', async () => {
    const admin = await createUser(t, { role: 'admin', name: 'Lonely Admin' });
    for (const payload of [{ role: 'fan' }, { suspended: true }]) {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/users/${admin.id}`, headers: { cookie: admin.cookie }, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(409);
    }
  });

  it('a role given by an admin takes effect on the next request', async () => {
    const promoted = await createUser(t, { name: 'Promoted Fan' });
    const before = await t.app.inject({
      method: 'POST',
      url: '/api/categories',
      headers: { cookie: promoted.cookie },
      payload: { slug: 'promo-before', name: 'x' },
    });
    expect(before.statusCode).toBe(403);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${promoted.id}`,
      headers: { cookie: actors.admin.cookie },
      payload: { role: 'admin' },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().user.role).toBe('admin');
    const after = await t.app.inject({
      method: 'POST',
      url: '/api/categories',
      headers: { cookie: promoted.cookie },
      payload: { slug: 'promo-after', name: 'x' },
    });
    expect(after.statusCode).toBe(201);
  });
});
