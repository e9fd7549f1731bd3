import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp, type TestUser } from './helpers.ts';

// The forum core through the API: thread lists (sorts and cursors), edits
// with revisions, soft delete, likes, accepted answers, the author's
// resolution, and the author's role kept on each post.

let t: TestApp;
let admin: TestUser;
let fan: TestUser;
let fan2: TestUser;
let fan3: TestUser;
let staff: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createUser(t, { role: 'admin', name: 'Thread Admin' });
  fan = await createUser(t, { name: 'Fan One' });
  fan2 = await createUser(t, { name: 'Fan Two' });
  fan3 = await createUser(t, { name: 'Fan Three' });
  staff = await createUser(t, { role: 'staff', name: 'Staff One' });
});
afterAll(() => t?.close());

const get = (url: string, user?: TestUser) => t.app.inject({ method: 'GET', url, headers: user ? { cookie: user.cookie } : {} });
const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, user: TestUser, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: user.cookie }, ...(payload && { payload }) });
const readThread = async (id: number, user?: TestUser) => {
  const res = await get(`/api/threads/${id}`, user);
  expect(res.statusCode).toBe(200);
  return res.json() as { thread: Record<string, unknown>; posts: Record<string, unknown>[]; page: number; pageCount: number };
};
const like = (postId: number, user: TestUser) => send('POST', `/api/posts/${postId}/like`, user);

interface Summary {
  id: number;
  title: string;
  replyCount: number;
  likeCount: number;
  createdAt: string;
  lastActivityAt: string;
}

describe('thread lists: sorts and cursor pagination', () => {
  let slug: string;
  const ids: number[] = [];
  const SIZE = 23;

  beforeAll(async () => {
    const category = await createCategory(t, admin);
    slug = category.slug;
    // 23 threads; some created in the same millisecond (ties must be broken by id).
    for (let i = 0; i < SIZE; i++) {
      if (i % 4 !== 1) t.clock.advanceSeconds(60);
      const thread = await createThread(t, i % 2 ? fan : fan2, category.id, { title: `Sorted thread ${String(i).padStart(2, '0')}` });
      ids.push(thread.id);
    }
    // Activity on older threads moves them up in `latest`; replies and likes make `top`.
    for (const [index, replies] of [
      [0, 3],
      [5, 1],
      [10, 2],
      [3, 1],
      [7, 3],
    ] as const) {
      for (let r = 0; r < replies; r++) {
        t.clock.advanceSeconds(30);
        const post = await reply(t, r % 2 ? staff : fan3, ids[index]!, `Reply ${r}`);
        if (r === 0) await like(post.id, fan2);
      }
    }
  });

  const listAll = async (sort: string, limit: number) => {
    const seen: Summary[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const qs = new URLSearchParams({ sort, limit: String(limit), ...(cursor && { cursor }) });
      const res = await get(`/api/categories/${slug}/threads?${qs}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { threads: Summary[]; nextCursor: string | null };
      expect(body.threads.length).toBeLessThanOrEqual(limit);
      if (body.nextCursor) expect(body.threads.length).toBe(limit);
      seen.push(...body.threads);
      cursor = body.nextCursor;
      pages++;
      expect(pages).toBeLessThan(100);
    } while (cursor);
    return { seen, pages };
  };

  it('defaults to latest activity, newest first', async () => {
    const res = await get(`/api/categories/${slug}/threads`);
    expect(res.statusCode).toBe(200);
    const { threads, nextCursor } = res.json() as { threads: Summary[]; nextCursor: string | null };
    expect(threads).toHaveLength(20); // default limit
    expect(nextCursor).toEqual(expect.any(String));
    for (let i = 1; i < threads.length; i++) {
      const [a, b] = [threads[i - 1]!, threads[i]!];
      expect(a.lastActivityAt > b.lastActivityAt || (a.lastActivityAt === b.lastActivityAt && a.id > b.id)).toBe(true);
    }
    // The thread with the most recent reply leads.
    expect(threads[0]!.id).toBe(ids[7]);
    for (const field of [
      'id',
      'title',
      'kind',
      'categoryId',
      'author',
      'replyCount',
      'likeCount',
      'solved',
      'lastActivityAt',
      'awaitingStaff',
    ]) {
      expect(threads[0]).toHaveProperty(field);
    }
  });

  it.each([
    [
      'latest',
      (a: Summary, b: Summary) => (a.lastActivityAt === b.lastActivityAt ? b.id - a.id : a.lastActivityAt < b.lastActivityAt ? 1 : -1),
    ],
    ['newest', (a: Summary, b: Summary) => (a.createdAt === b.createdAt ? b.id - a.id : a.createdAt < b.createdAt ? 1 : -1)],
    ['top', (a: Summary, b: Summary) => b.likeCount + b.replyCount - (a.likeCount + a.replyCount) || b.id - a.id],
  ] as const)('sort=%s: pages of every size cover every thread once, in order', async (sort, compare) => {
    const full = await listAll(sort, 100);
    expect(full.pages).toBe(1);
    expect(full.seen.map((s) => s.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(full.seen).toEqual([...full.seen].sort(compare));
    for (const limit of [1, 2, 3, 7, 22, 23, 24]) {
      const paged = await listAll(sort, limit);
      expect(
        paged.seen.map((s) => s.id),
        `limit ${limit}`,
      ).toEqual(full.seen.map((s) => s.id));
      expect(paged.pages).toBe(Math.max(1, Math.ceil(SIZE / limit)));
    }
  });

  it('top puts the busiest thread first', async () => {
    const { seen } = await listAll('top', 100);
    expect(seen[0]!.id).toBe(ids[7]); // 3 replies + 1 like, newer than thread 0 with the same score
    expect(seen[1]!.id).toBe(ids[0]);
    expect(seen[0]!.replyCount).toBe(3);
    expect(seen[0]!.likeCount).toBe(1);
  });

  it('a new reply during paging neither duplicates nor skips threads already past the cursor', async () => {
    const first = (await get(`/api/categories/${slug}/threads?sort=newest&limit=5`)).json() as { threads: Summary[]; nextCursor: string };
    // A new thread arrives on top; the cursor continues where it was.
    t.clock.advanceSeconds(60);
    const fresh = await createThread(t, fan, (await get(`/api/categories/${slug}`)).json().category.id, { title: 'Arrived while paging' });
    const rest: Summary[] = [];
    let cursor: string | null = first.nextCursor;
    while (cursor) {
      const body = (await get(`/api/categories/${slug}/threads?sort=newest&limit=5&cursor=${encodeURIComponent(cursor)}`)).json() as {
        threads: Summary[];
        nextCursor: string | null;
      };
      rest.push(...body.threads);
      cursor = body.nextCursor;
    }
    const seenIds = [...first.threads, ...rest].map((s) => s.id);
    expect(new Set(seenIds).size).toBe(seenIds.length);
    expect(seenIds).not.toContain(fresh.id);
    expect(seenIds.sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  });

  it('rejects garbage cursors, unknown sorts and out-of-range limits with 400', async () => {
    for (const qs of [
      'cursor=not-a-cursor',
      'cursor=' + Buffer.from('[1,2,3]').toString('base64url'),
      'sort=oldest',
      'limit=0',
      'limit=101',
      'limit=abc',
      'filter=all',
    ]) {
      const res = await get(`/api/categories/${slug}/threads?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
    }
  });

  it('filter=unanswered lists only threads awaiting staff', async () => {
    const res = await get(`/api/categories/${slug}/threads?filter=unanswered&limit=100`);
    expect(res.statusCode).toBe(200);
    const threads = res.json().threads as (Summary & { awaitingStaff: boolean })[];
    expect(threads.length).toBeGreaterThan(0);
    expect(threads.every((x) => x.awaitingStaff)).toBe(true);
    // Thread 0 got a staff reply last (replies alternate fan, staff, fan): the fan's last word reopens it.
    const answered = [ids[5]!]; // a single fan reply after the opening post: still waiting
    expect(threads.map((x) => x.id)).toEqual(expect.arrayContaining(answered));
  });
});

describe('a thread page', () => {
  it('pages its posts oldest first by page number', async () => {
    const category = await createCategory(t, admin);
    const thread = await createThread(t, fan, category.id);
    const replyIds: number[] = [];
    for (let i = 0; i < 7; i++) {
      if (i % 2) t.clock.advanceSeconds(5);
      replyIds.push((await reply(t, i % 2 ? fan2 : staff, thread.id, `Reply ${i}`)).id);
    }
    const all: number[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await get(`/api/threads/${thread.id}?limit=3&page=${page}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { posts: { id: number; position: number }[]; page: number; pageCount: number };
      expect(body).toMatchObject({ page, pageCount: 3 });
      expect(body.posts.map((p) => p.position)).toEqual([1, 2, 3].map((k) => (page - 1) * 3 + k).filter((n) => n <= 8));
      all.push(...body.posts.map((p) => p.id));
    }
    expect(all).toHaveLength(8);
    expect(all.slice(1)).toEqual(replyIds);
    expect((await get(`/api/threads/${thread.id}?page=0`)).statusCode).toBe(400);
  });

  it('keeps the bug report fields of a bug thread and drops them for other kinds', async () => {
    const category = await createCategory(t, admin);
    const report = {
      device: 'Pixel 8',
      softwareVersion: '3.2.0',
      stepsToReproduce: '1. open\n2. tap',
      expected: 'works',
      actual: 'crashes',
    };
    const bug = await createThread(t, fan, category.id, { kind: 'bug', title: 'It crashes', report });
    expect((await readThread(bug.id)).thread.report).toEqual(report);
    const talk = await createThread(t, fan, category.id, { kind: 'discussion', title: 'Just chatting', report });
    expect((await readThread(talk.id)).thread.report ?? null).toBeNull();
  });
});

describe('editing', () => {
  it('keeps every earlier version as a revision and re-renders the HTML', async () => {
    const category = await createCategory(t, admin);
    const thread = await createThread(t, fan, category.id, { body: 'First *draft*' });
    const first = (await readThread(thread.id)).posts[0]! as { id: number; html: string; editedAt: string | null };
    expect(first.editedAt).toBeNull();
    expect(first.html).toContain('<em>draft</em>');

    t.clock.advanceSeconds(10);
    const e1 = await send('PATCH', `/api/posts/${first.id}`, fan, { body: 'Second **draft**' });
    expect(e1.statusCode).toBe(200);
    expect(e1.json().post).toMatchObject({ body: 'Second **draft**' });
    expect(e1.json().post.html).toContain('<strong>draft</strong>');
    expect(e1.json().post.editedAt).toBe(t.clock.now().toISOString());

    t.clock.advanceSeconds(10);
    const e2 = await send('PATCH', `/api/posts/${first.id}`, staff, { body: 'Third draft (tidied by staff)' });
    expect(e2.statusCode).toBe(200);

    // The same text again is not a new revision.
    expect((await send('PATCH', `/api/posts/${first.id}`, fan, { body: 'Third draft (tidied by staff)' })).statusCode).toBe(200);

    const revs = await get(`/api/posts/${first.id}/revisions`);
    expect(revs.statusCode).toBe(200);
    const revisions = revs.json().revisions as { body: string; editedBy: { id: number } }[];
    expect(revisions.map((r) => r.body)).toEqual(['First *draft*', 'Second **draft**']);
    expect(revisions.map((r) => r.editedBy.id)).toEqual([fan.id, staff.id]);

    const now = (await readThread(thread.id)).posts[0]!;
    expect(now.body).toBe('Third draft (tidied by staff)');
  });

  it('refuses empty bodies and another fan’s edit, and keeps the text', async () => {
    const category = await createCategory(t, admin);
    const thread = await createThread(t, fan, category.id, { body: 'Keep me' });
    const postId = (await readThread(thread.id)).posts[0]!.id as number;
    const empty = await send('PATCH', `/api/posts/${postId}`, fan, { body: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.fields.map((f: { path: string }) => f.path)).toContain('body');
    expect((await send('PATCH', `/api/posts/${postId}`, fan2, { body: 'Hijacked' })).statusCode).toBe(403);
    expect((await readThread(thread.id)).posts[0]!.body).toBe('Keep me');
    expect((await get(`/api/posts/${postId}/revisions`)).json().revisions).toEqual([]);
  });
});

describe('soft delete', () => {
  it('hides the words from fans and guests but not from staff, and keeps the post’s place', async () => {
    const category = await createCategory(t, admin);
    const thread = await createThread(t, fan, category.id);
    const gone = await reply(t, fan2, thread.id, 'Something I regret saying');
    await reply(t, fan3, thread.id, 'A later reply');
    const before = (await readThread(thread.id)).thread.replyCount as number;

    const del = await send('DELETE', `/api/posts/${gone.id}`, fan2);
    expect(del.statusCode).toBe(200);
    expect(del.json().post.deleted).toBe(true);

    for (const viewer of [undefined, fan, fan2, fan3]) {
      const { posts, thread: th } = await readThread(thread.id, viewer);
      const p = posts.find((x) => x.id === gone.id)!;
      expect(p, 'the deleted post keeps its place').toBeDefined();
      expect(p.deleted).toBe(true);
      expect(p.body).toBe('');
      expect(p.html).toBe('');
      expect(JSON.stringify(posts)).not.toContain('regret');
      expect(th.replyCount).toBe(before - 1);
    }
    for (const viewer of [staff, admin]) {
      const p = (await readThread(thread.id, viewer)).posts.find((x) => x.id === gone.id)!;
      expect(p.deleted).toBe(true);
      expect(p.body).toBe('Something I regret saying');
      expect(p.html).toContain('regret');
    }
    // Revisions of a deleted post are not a back door for fans.
    expect((await get(`/api/posts/${gone.id}/revisions`, fan3)).statusCode).toBe(404);
    // Deleting twice is harmless; a deleted post cannot be edited or liked.
    expect((await send('DELETE', `/api/posts/${gone.id}`, fan2)).statusCode).toBe(200);
    expect((await readThread(thread.id)).thread.replyCount).toBe(before - 1);
    expect((await send('PATCH', `/api/posts/${gone.id}`, fan2, { body: 'Resurrect' })).statusCode).toBe(409);
    expect((await like(gone.id, fan3)).statusCode).toBe(409);
  });

  it('deleting the accepted answer un-solves the thread', async () => {
    const category = await createCategory(t, admin);
    const thread = await createThread(t, fan, category.id, { kind: 'question' });
    const answer = await reply(t, fan2, thread.id, 'Here is how');
    expect((await send('POST', `/api/threads/${thread.id}/accept`, fan, { postId: answer.id })).statusCode).toBe(200);
    expect((await readThread(thread.id)).thread.solved).toBe(true);
    expect((await send('DELETE', `/api/posts/${answer.id}`, fan2)).statusCode).toBe(200);
    const after = (await readThread(thread.id)).thread;
    expect(after.acceptedPostId).toBeNull();
    expect(after.solved).toBe(false);
  });
});

describe('likes', () => {
  it('are idempotent per user and counted on the post and the thread', async () => {
    const category = await createCategory(t, admin);
    const thread = await createThread(t, fan, category.id);
    const post = await reply(t, fan2, thread.id, 'Likeable');

    const a = await like(post.id, fan);
    expect(a.statusCode).toBe(200);
    expect(a.json()).toEqual({ likeCount: 1, liked: true });
    expect((await like(post.id, fan)).json()).toEqual({ likeCount: 1, liked: true });
    expect((await like(post.id, fan3)).json()).toEqual({ likeCount: 2, liked: true });
    expect((await like(post.id, staff)).json()).toEqual({ likeCount: 3, liked: true });

    const seen = await readThread(thread.id, fan);
    const p = seen.posts.find((x) => x.id === post.id)!;
    expect(p.likeCount).toBe(3);
    expect(p.likedByMe).toBe(true);
    expect(seen.thread.likeCount).toBe(3);
    expect((await readThread(thread.id, fan2)).posts.find((x) => x.id === post.id)!.likedByMe).toBe(false);
    expect((await readThread(thread.id)).posts.find((x) => x.id === post.id)!.likedByMe).toBe(false);

    const un = await send('DELETE', `/api/posts/${post.id}/like`, fan);
    expect(un.json()).toEqual({ likeCount: 2, liked: false });
    expect((await send('DELETE', `/api/posts/${post.id}/like`, fan)).json()).toEqual({ likeCount: 2, liked: false });
    expect((await readThread(thread.id)).thread.likeCount).toBe(2);
    // Nobody likes their own post.
    expect((await like(post.id, fan2)).statusCode).toBe(403);
    expect((await like(987654, fan)).statusCode).toBe(404);
  });

  it('count exactly under concurrent likes', async () => {
    const category = await createCategory(t, admin);
    const thread = await createThread(t, fan, category.id);
    const post = await reply(t, fan2, thread.id, 'Popular');
    const likers = await Promise.all(Array.from({ length: 8 }, (_, i) => createUser(t, { name: `Liker ${i}` })));
    const results = await Promise.all([...likers, ...likers].map((u) => like(post.id, u)));
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    const p = (await readThread(thread.id)).posts.find((x) => x.id === post.id)!;
    expect(p.likeCount).toBe(8);
  });
});

describe('accepted answer', () => {
  it('the author marks a reply as the solution; the thread shows as solved', async () => {
    const category = await createCategory(t, admin);
    const thread = await createThread(t, fan, category.id, { kind: 'question' });
    const answer = await reply(t, staff, thread.id, 'Do this');
    const other = await reply(t, fan2, thread.id, 'Or this');

    const res = await send('POST', `/api/threads/${thread.id}/accept`, fan, { postId: answer.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().thread).toMatchObject({ solved: true, acceptedPostId: answer.id });
    const { posts, thread: th } = await readThread(thread.id);
    expect(th.solved).toBe(true);
    expect(posts.filter((p) => p.accepted).map((p) => p.id)).toEqual([answer.id]);

    // Changing the mind moves the mark.
    expect((await send('POST', `/api/threads/${thread.id}/accept`, fan, { postId: other.id })).json().thread.acceptedPostId).toBe(other.id);
    // The list shows it solved too.
    const list = (await get(`/api/categories/${category.slug}/threads`)).json().threads as { id: number; solved: boolean }[];
    expect(list.find((x) => x.id === thread.id)!.solved).toBe(true);

    const cleared = await send('DELETE', `/api/threads/${thread.id}/accept`, fan);
    expect(cleared.json().thread).toMatchObject({ solved: false, acceptedPostId: null });
  });

  it('only a visible reply of the same thread can be accepted', async () => {
    const category = await createCategory(t, admin);
    const thread = await createThread(t, fan, category.id, { kind: 'question' });
    const elsewhere = await createThread(t, fan, category.id);
    const foreign = await reply(t, staff, elsewhere.id, 'Wrong thread');
    const opening = (await readThread(thread.id)).posts[0]!.id as number;
    for (const postId of [opening, foreign.id, 987654]) {
      const res = await send('POST', `/api/threads/${thread.id}/accept`, fan, { postId });
      expect(res.statusCode, String(postId)).toBe(400);
      expect(res.json().error.details.fields[0].path).toBe('postId');
    }
    expect((await readThread(thread.id)).thread.solved).toBe(false);
  });
});

describe('"did this solve your problem?"', () => {
  it('can be answered by the author only after a staff reply', async () => {
    const category = await createCategory(t, admin);
    const thread = await createThread(t, fan, category.id, { kind: 'bug' });
    const early = await send('POST', `/api/threads/${thread.id}/resolution`, fan, { solved: true });
    expect(early.statusCode).toBe(409);

    // A fan's reply (or the author's own) does not count.
    await reply(t, fan2, thread.id, 'Same here');
    await reply(t, fan, thread.id, 'Still broken');
    expect((await send('POST', `/api/threads/${thread.id}/resolution`, fan, { solved: true })).statusCode).toBe(409);
    expect((await readThread(thread.id)).thread.resolution).toBeNull();

    await reply(t, staff, thread.id, 'Fixed in 3.2.1');
    const yes = await send('POST', `/api/threads/${thread.id}/resolution`, fan, { solved: true });
    expect(yes.statusCode).toBe(200);
    expect(yes.json().thread).toMatchObject({ resolution: 'yes', solved: true });

    const no = await send('POST', `/api/threads/${thread.id}/resolution`, fan, { solved: false });
    expect(no.json().thread).toMatchObject({ resolution: 'no', solved: false });
    expect((await readThread(thread.id)).thread.resolution).toBe('no');
  });

  it('a deleted staff reply does not count', async () => {
    const category = await createCategory(t, admin);
    const thread = await createThread(t, fan, category.id, { kind: 'question' });
    const staffReply = await reply(t, staff, thread.id, 'Oops, wrong thread');
    expect((await send('DELETE', `/api/posts/${staffReply.id}`, staff)).statusCode).toBe(200);
    const res = await send('POST', `/api/threads/${thread.id}/resolution`, fan, { solved: true });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('conflict');
  });
});

describe('discussions and suggestions', () => {
  it.each(['discussion', 'suggestion'])(
    'a %s has no accepted answer and no "did this solve it?": refused with 409 not_solvable, flags false',
    async (kind) => {
      const category = await createCategory(t, admin);
      const thread = await createThread(t, fan, category.id, { kind });
      const answer = await reply(t, staff, thread.id, 'Thanks, noted');
      for (const who of [fan, staff]) {
        const res = await send('POST', `/api/threads/${thread.id}/accept`, who, { postId: answer.id });
        expect(res.statusCode).toBe(409);
        expect(res.json().error.code).toBe('not_solvable');
        const seen = await readThread(thread.id, who);
        expect(seen.thread.can).toMatchObject({ acceptAnswer: false, answerResolution: false });
        expect(seen.posts.map((p) => (p.can as { accept: boolean }).accept)).toEqual([false, false]);
      }
      const resolution = await send('POST', `/api/threads/${thread.id}/resolution`, fan, { solved: true });
      expect(resolution.statusCode).toBe(409);
      expect(resolution.json().error.code).toBe('not_solvable');
      // Someone who may not is still told that first.
      expect((await send('POST', `/api/threads/${thread.id}/accept`, fan2, { postId: answer.id })).statusCode).toBe(403);
      expect((await readThread(thread.id)).thread).toMatchObject({ solved: false, acceptedPostId: null, resolution: null });
    },
  );
});

describe('the author’s role at posting time', () => {
  it('is kept on each post when the author’s role later changes', async () => {
    const category = await createCategory(t, admin);
    const riser = await createUser(t, { name: 'Rising Star' });
    const thread = await createThread(t, riser, category.id);
    const asFan = await reply(t, riser, thread.id, 'Posted as a fan');

    const promote = await send('PATCH', `/api/users/${riser.id}`, admin, { role: 'staff', team: 'Support' });
    expect(promote.statusCode).toBe(200);
    expect(promote.json().user).toMatchObject({ role: 'staff', team: 'Support' });
    const asStaff = await reply(t, riser, thread.id, 'Posted as staff');

    const { posts } = await readThread(thread.id);
    const byId = new Map(posts.map((p) => [p.id, p as { authorRoleAtPost: string; author: { role: string } }]));
    expect(byId.get(asFan.id)!.authorRoleAtPost).toBe('fan');
    expect(byId.get(asFan.id)!.author.role).toBe('staff');
    expect(byId.get(asStaff.id)!.authorRoleAtPost).toBe('staff');
    expect((posts[0] as { authorRoleAtPost: string }).authorRoleAtPost).toBe('fan');

    // And back: demoted, earlier staff posts stay staff posts.
    await send('PATCH', `/api/users/${riser.id}`, admin, { role: 'fan', team: null });
    const again = await readThread(thread.id);
    const after = new Map(again.posts.map((p) => [p.id, p as { authorRoleAtPost: string; author: { role: string } }]));
    expect(after.get(asStaff.id)!.authorRoleAtPost).toBe('staff');
    expect(after.get(asStaff.id)!.author.role).toBe('fan');
    expect(after.get(asFan.id)!.authorRoleAtPost).toBe('fan');
  });
});

describe('markdown safety', () => {
  it('renders raw HTML as text and drops unsafe link schemes', async () => {
    const category = await createCategory(t, admin);
    const body = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[click](javascript:alert(1))',
      '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '[ok](https://example.com)',
    ].join('\n\n');
    const thread = await createThread(t, fan, category.id, { title: '<b>bold</b> title', body });
    const { thread: th, posts } = await readThread(thread.id);
    expect(th.title).toBe('<b>bold</b> title'); // stored as text; the page escapes it
    const html = posts[0]!.html as string;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/href="data:/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toMatch(/href="https:\/\/example\.com\/?"/);
  });
});

describe('latest activity across boards (GET /api/threads)', () => {
  it('lists every board by latest activity, a reply bumping its thread, hidden threads for staff only', async () => {
    const a = await createCategory(t, admin, { slug: 'latest-a', name: 'Latest A' });
    const b = await createCategory(t, admin, { slug: 'latest-b', name: 'Latest B' });
    const first = await createThread(t, fan, a.id, { title: 'Latest first' });
    t.clock.advance(60_000);
    const second = await createThread(t, fan2, b.id, { title: 'Latest second' });
    t.clock.advance(60_000);
    const hidden = await createThread(t, fan3, b.id, { title: 'Latest hidden' });
    t.clock.advance(60_000);
    await reply(t, fan2, first.id, 'bump');
    const hide = await send('POST', `/api/threads/${hidden.id}/hide`, staff, { reason: 'spam' });
    expect(hide.statusCode).toBe(200);

    const ids = async (user?: TestUser, limit = 3) => {
      const res = await get(`/api/threads?limit=${limit}`, user);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { threads: { id: number }[] }).threads.map((x) => x.id);
    };
    expect(await ids()).toEqual([first.id, second.id, ...(await ids()).slice(2)]);
    expect(await ids(fan)).not.toContain(hidden.id);
    expect(await ids(staff)).toEqual([first.id, hidden.id, second.id]);
    expect(await ids(undefined, 1)).toEqual([first.id]);
    expect((await get('/api/threads?limit=0')).statusCode).toBe(400);
    expect((await get('/api/threads?limit=51')).statusCode).toBe(400);
  });
});
