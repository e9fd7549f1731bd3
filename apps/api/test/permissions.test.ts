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
let otherCategoryId: number;

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
  otherCategoryId = (await createCategory(t, admin)).id;
});
afterAll(() => t?.close());

const cookieOf = (role: Role) => (role === 'guest' ? {} : { cookie: actors[role].cookie });
/** A reply by `owner` in a thread of their own, for the cases that act on someone's post. */
const freshPost = async (body: string) => reply(t, owner, (await createThread(t, owner, categoryId)).id, body);

/** A new open flag on a new post of `owner`'s, raised by another fan. */
const freshFlag = async (): Promise<number> => {
  const target = await freshPost('Flagged');
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/posts/${target.id}/flag`,
    headers: { cookie: staffHelper.cookie },
    payload: { reason: 'abuse' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().flag.id;
};
/** A new open obligation (a fan's new thread). */
const openObligation = async () => {
  const thread = await createThread(t, owner, categoryId);
  const res = await t.app.inject({ method: 'GET', url: `/api/threads/${thread.id}` });
  return res.json().thread.obligation.id as number;
};
/** A new issue, promoted from a new thread by staff. */
const freshIssue = async (): Promise<string> => {
  const thread = await createThread(t, owner, categoryId, { kind: 'bug', title: 'Perm issue thread' });
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/threads/${thread.id}/promote`,
    headers: { cookie: staffHelper.cookie },
    payload: {},
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().issue.key;
};
/** An escalation of a new thread to `toUserId`, by staff. */
const escalationTo = async (toUserId: number): Promise<number> => {
  const thread = await createThread(t, owner, categoryId);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/escalations',
    headers: { cookie: staffHelper.cookie },
    payload: { threadId: thread.id, toUserId, note: 'For you' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().escalation.id;
};

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
    name: 'POST /api/attachments',
    ok: 201,
    // Whoever may post may upload (the file goes on a post of their own).
    expect: anyWriter,
    run: (role) => {
      const boundary = 'perm-boundary';
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="perm.log"\r\n\r\nline 1\n\r\n--${boundary}--\r\n`;
      return t.app.inject({
        method: 'POST',
        url: '/api/attachments',
        headers: { ...cookieOf(role), 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
    },
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
    name: 'POST /api/markdown/preview',
    ok: 200,
    expect: anyWriter,
    run: (role) => inject(role, 'POST', '/api/markdown/preview', { body: '**Preview** me' }),
  },
  {
    name: 'POST /api/threads/:id/accept (not the thread’s author)',
    ok: 200,
    expect: staffOnly,
    run: async (role) => {
      const thread = await createThread(t, owner, categoryId, { kind: 'question' });
      const answer = await reply(t, staffHelper, thread.id, 'Try this');
      return inject(role, 'POST', `/api/threads/${thread.id}/accept`, { postId: answer.id });
    },
  },
  {
    name: 'DELETE /api/threads/:id/accept (not the thread’s author)',
    ok: 200,
    expect: staffOnly,
    run: async (role) => {
      const thread = await createThread(t, owner, categoryId, { kind: 'question' });
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
      const thread = await createThread(t, owner, categoryId, { kind: 'question' });
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
    name: 'POST /api/threads/:id/hide',
    ok: 200,
    expect: staffOnly,
    run: async (role) => inject(role, 'POST', `/api/threads/${(await createThread(t, owner, categoryId)).id}/hide`, { reason: 'spam' }),
  },
  {
    name: 'POST /api/threads/:id/unhide',
    ok: 200,
    expect: staffOnly,
    run: async (role) => {
      const thread = await createThread(t, owner, categoryId);
      await t.app.inject({
        method: 'POST',
        url: `/api/threads/${thread.id}/hide`,
        headers: { cookie: staffHelper.cookie },
        payload: { reason: 'x' },
      });
      return inject(role, 'POST', `/api/threads/${thread.id}/unhide`);
    },
  },
  {
    name: 'POST /api/threads/:id/lock',
    ok: 200,
    expect: staffOnly,
    run: async (role) => inject(role, 'POST', `/api/threads/${(await createThread(t, owner, categoryId)).id}/lock`, { locked: true }),
  },
  {
    name: 'POST /api/threads/:id/pin',
    ok: 200,
    expect: staffOnly,
    run: async (role) => inject(role, 'POST', `/api/threads/${(await createThread(t, owner, categoryId)).id}/pin`, { pinned: true }),
  },
  {
    name: 'POST /api/threads/:id/move',
    ok: 200,
    expect: staffOnly,
    run: async (role) =>
      inject(role, 'POST', `/api/threads/${(await createThread(t, owner, categoryId)).id}/move`, { categoryId: otherCategoryId }),
  },
  {
    name: 'POST /api/posts/:id/hide',
    ok: 200,
    expect: staffOnly,
    run: async (role) => inject(role, 'POST', `/api/posts/${(await freshPost('Hide me')).id}/hide`, { reason: 'spam' }),
  },
  {
    name: 'POST /api/posts/:id/unhide',
    ok: 200,
    expect: staffOnly,
    run: async (role) => {
      const target = await freshPost('Hidden already');
      const hid = await t.app.inject({
        method: 'POST',
        url: `/api/posts/${target.id}/hide`,
        headers: { cookie: staffHelper.cookie },
        payload: { reason: 'spam' },
      });
      expect(hid.statusCode, hid.body).toBe(200);
      return inject(role, 'POST', `/api/posts/${target.id}/unhide`);
    },
  },
  {
    name: 'POST /api/posts/:id/flag',
    ok: 201,
    expect: anyWriter,
    run: async (role) => inject(role, 'POST', `/api/posts/${(await freshPost('Flag me')).id}/flag`, { reason: 'spam' }),
  },
  {
    name: 'POST /api/flags/:id/resolve',
    ok: 200,
    expect: staffOnly,
    run: async (role) => inject(role, 'POST', `/api/flags/${await freshFlag()}/resolve`, {}),
  },
  {
    name: 'POST /api/flags/:id/dismiss',
    ok: 200,
    expect: staffOnly,
    run: async (role) => inject(role, 'POST', `/api/flags/${await freshFlag()}/dismiss`, {}),
  },
  {
    name: 'POST /api/users/:id/suspend',
    ok: 200,
    expect: staffOnly,
    run: async (role) => inject(role, 'POST', `/api/users/${(await createUser(t)).id}/suspend`, { suspended: true, reason: 'spam' }),
  },
  {
    name: 'POST /api/sla/obligations/:id/claim',
    ok: 200,
    expect: staffOnly,
    run: async (role) => inject(role, 'POST', `/api/sla/obligations/${await openObligation()}/claim`),
  },
  {
    name: 'DELETE /api/sla/obligations/:id/claim',
    ok: 200,
    expect: staffOnly,
    run: async (role) => inject(role, 'DELETE', `/api/sla/obligations/${await openObligation()}/claim`),
  },
  {
    name: 'POST /api/sla/obligations/:id/close',
    ok: 200,
    expect: staffOnly,
    run: async (role) => inject(role, 'POST', `/api/sla/obligations/${await openObligation()}/close`, { reason: 'thanks' }),
  },
  {
    name: 'POST /api/threads/:id/promote',
    ok: 201,
    expect: staffOnly,
    run: async (role) => inject(role, 'POST', `/api/threads/${(await createThread(t, owner, categoryId, { kind: 'bug' })).id}/promote`, {}),
  },
  {
    name: 'POST /api/threads/:id/promote (link to an issue)',
    ok: 200,
    expect: staffOnly,
    run: async (role) =>
      inject(role, 'POST', `/api/threads/${(await createThread(t, owner, categoryId)).id}/promote`, { issueKey: await freshIssue() }),
  },
  {
    name: 'PATCH /api/issues/:key',
    ok: 200,
    expect: staffOnly,
    run: async (role) => inject(role, 'PATCH', `/api/issues/${await freshIssue()}`, { severity: 'S2', status: 'triaged' }),
  },
  {
    name: 'PATCH /api/issues',
    ok: 200,
    expect: staffOnly,
    run: async (role) => inject(role, 'PATCH', '/api/issues', { keys: [await freshIssue(), await freshIssue()], set: { priority: 'P1' } }),
  },
  {
    name: 'POST /api/issues/:key/merge',
    ok: 200,
    expect: staffOnly,
    run: async (role) => inject(role, 'POST', `/api/issues/${await freshIssue()}/merge`, { intoKey: await freshIssue() }),
  },
  {
    name: 'POST /api/issues/:key/notes',
    ok: 201,
    expect: staffOnly,
    run: async (role) => inject(role, 'POST', `/api/issues/${await freshIssue()}/notes`, { body: 'Internal: seen on 2.1 only' }),
  },
  {
    name: 'POST /api/issues/:key/vote',
    ok: 200,
    expect: anyWriter,
    run: async (role) => inject(role, 'POST', `/api/issues/${await freshIssue()}/vote`),
  },
  {
    name: 'DELETE /api/issues/:key/vote',
    ok: 200,
    expect: anyWriter,
    run: async (role) => inject(role, 'DELETE', `/api/issues/${await freshIssue()}/vote`),
  },
  {
    name: 'POST /api/escalations',
    ok: 201,
    expect: staffOnly,
    run: async (role) =>
      inject(role, 'POST', '/api/escalations', {
        threadId: (await createThread(t, owner, categoryId)).id,
        toUserId: staffHelper.id,
        note: 'Please look',
      }),
  },
  {
    name: 'POST /api/escalations/:id/acknowledge (escalated to them)',
    ok: 200,
    // Only the person it was escalated to (or an admin) acknowledges: here each role is that person.
    expect: { ...staffOnly },
    run: async (role) => {
      if (role === 'guest' || role === 'fan' || role === 'suspended') {
        const id = await escalationTo(staffHelper.id);
        return inject(role, 'POST', `/api/escalations/${id}/acknowledge`);
      }
      return inject(role, 'POST', `/api/escalations/${await escalationTo(actors[role].id)}/acknowledge`);
    },
  },
  {
    name: 'POST /api/notifications/read',
    ok: 200,
    expect: { ...anyWriter, suspended: 'ok' },
    run: (role) => inject(role, 'POST', '/api/notifications/read', { all: true }),
  },
  {
    name: 'POST /api/digests/:date/generate',
    ok: 200,
    // The daily digest is for executives and admins (product.md); staff are refused like fans.
    expect: { guest: 401, fan: 403, staff: 403, executive: 'ok', admin: 'ok', suspended: 403 },
    run: (role) => inject(role, 'POST', '/api/digests/2026-01-14/generate'),
  },
  {
    name: 'PATCH /api/me/notification-settings',
    ok: 200,
    // Like choosing a language: what reaches a person, so a suspended user may too.
    expect: { ...anyWriter, suspended: 'ok' },
    run: (role) => inject(role, 'PATCH', '/api/me/notification-settings', { emailMode: 'daily', mutedKinds: ['mention'] }),
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

it('covers every mutating route of the API (a new route adds its row here)', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  const covered = new Set(cases.map((c) => c.name.replace(/ \(.*\)$/, '').replace(/:(\w+)/g, '{$1}')));
  // Public ways in: anyone may try them, and their rules have tests of their own (auth.test.ts).
  const open = new Set(['POST /api/auth/register', 'POST /api/auth/login']);
  const missing = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .filter((m) => ['post', 'patch', 'put', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`)
      .filter((route) => !covered.has(route) && !open.has(route)),
  );
  expect(missing).toEqual([]);
});

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
    const thread = await createThread(t, owner, categoryId, { kind: 'question' });
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
    const thread = await createThread(t, owner, categoryId, { kind: 'question' });
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
