import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { threads } from '@kakera/db';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp, type TestUser } from './helpers.ts';

// Names everywhere carry what is shown beside them (a fan's level, a staff
// member's team), and a profile lists the person's accepted answers.

let t: TestApp;
let admin: TestUser;
let staff: TestUser;
let fan: TestUser;
let asker: TestUser;
let categoryId: number;
let categorySlug: string;

async function get(url: string, who?: TestUser) {
  const res = await t.app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createUser(t, { role: 'admin', name: 'Ref Admin' });
  staff = await createUser(t, { role: 'staff', name: 'Ref Staff' });
  fan = await createUser(t, { name: 'Ref Fan' });
  asker = await createUser(t, { name: 'Ref Asker' });
  const res = await t.app.inject({
    method: 'PATCH',
    url: `/api/users/${staff.id}`,
    headers: { cookie: admin.cookie, origin: 'http://localhost:3000' },
    payload: { team: 'Support Team' },
  });
  expect(res.statusCode, res.body).toBe(200);
  const category = await createCategory(t, admin);
  categoryId = category.id;
  categorySlug = category.slug;
});
afterAll(() => t?.close());

describe('user refs', () => {
  it("carry a staff member's team, and null for a fan, in posts, thread lists and search results", async () => {
    const thread = await createThread(t, staff, categoryId, { title: 'Teamwork announcement' });
    await reply(t, fan, thread.id, 'Teamwork reply from a fan');

    const detail = await get(`/api/threads/${thread.id}`);
    expect(detail.thread.author).toMatchObject({ id: staff.id, role: 'staff', team: 'Support Team' });
    expect(detail.posts[1].author).toMatchObject({ id: fan.id, role: 'fan', team: null, level: 1 });

    const list = await get(`/api/categories/${categorySlug}/threads`);
    expect(list.threads.find((x: { id: number }) => x.id === thread.id).author).toMatchObject({ team: 'Support Team' });

    const found = await get('/api/search?q=teamwork');
    const byAuthor = new Map(found.results.map((r: { author: { id: number } }) => [r.author.id, r.author]));
    expect(byAuthor.get(staff.id)).toEqual({ id: staff.id, name: 'Ref Staff', role: 'staff', level: 1, team: 'Support Team' });
    expect(byAuthor.get(fan.id)).toMatchObject({ id: fan.id, name: 'Ref Fan', role: 'fan', team: null });
    expect((byAuthor.get(fan.id) as { level: number }).level).toBeGreaterThanOrEqual(1);
  });
});

describe('accepted answers on a profile', () => {
  it('lists the replies accepted as the answer, newest first, paged; not those in hidden threads (except for staff)', async () => {
    const accepted: number[] = [];
    for (let i = 0; i < 3; i++) {
      const q = await createThread(t, asker, categoryId, { title: `Question ${i}`, kind: 'question' });
      await reply(t, asker, q.id, 'Not an answer');
      const answer = (await reply(t, fan, q.id, `Answer ${i}`)) as { id: number };
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/threads/${q.id}/accept`,
        headers: { cookie: asker.cookie, origin: 'http://localhost:3000' },
        payload: { postId: answer.id },
      });
      expect(res.statusCode, res.body).toBe(200);
      accepted.push(answer.id);
      t.clock.advance(60_000);
    }

    const first = await get(`/api/users/${fan.id}/answers?limit=2`);
    expect(first.answers.map((a: { postId: number }) => a.postId)).toEqual([accepted[2], accepted[1]]);
    expect(first.answers[0].thread.title).toBe('Question 2');
    const second = await get(`/api/users/${fan.id}/answers?limit=2&cursor=${first.nextCursor}`);
    expect(second.answers.map((a: { postId: number }) => a.postId)).toEqual([accepted[0]]);
    expect(second.nextCursor).toBeNull();

    const hiddenThread = (await get(`/api/users/${fan.id}/answers`)).answers[0].thread.id as number;
    await t.database.db.update(threads).set({ hiddenAt: new Date() }).where(eq(threads.id, hiddenThread));
    expect((await get(`/api/users/${fan.id}/answers`)).answers).toHaveLength(2);
    expect((await get(`/api/users/${fan.id}/answers`, staff)).answers).toHaveLength(3);
    expect((await get(`/api/users/${asker.id}/answers`)).answers).toEqual([]);

    const missing = await t.app.inject({ method: 'GET', url: '/api/users/999999/answers' });
    expect(missing.statusCode).toBe(404);
  });
});

describe("a profile's scorecard link", () => {
  it('is offered to staff reading a staff member, never to fans or guests, never for a fan', async () => {
    expect((await get(`/api/users/${staff.id}`, admin)).user.can.scorecard).toBe(true);
    expect((await get(`/api/users/${staff.id}`, fan)).user.can.scorecard).toBe(false);
    expect((await get(`/api/users/${staff.id}`)).user.can.scorecard).toBe(false);
    expect((await get(`/api/users/${fan.id}`, admin)).user.can.scorecard).toBe(false);
  });
});
