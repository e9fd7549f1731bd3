import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  buildTestApp,
  createCategory,
  createThread,
  createUser,
  eventsDelivered,
  reply,
  statementsDuring,
  type TestApp,
  type TestUser,
} from './helpers.ts';

// A thread page's JSON is two statements once per audience (staff, or
// everyone else) while nothing changes: the thread with everything around it
// (board, author, response clock, staff reply, issue), then the page of posts
// with their authors and files; the page is then kept in memory. What a
// signed-in reader did there (likes, vote) is one more statement, kept beside
// it. Counted at the driver, on PGlite and PostgreSQL alike.
let t: TestApp;
let fan: TestUser;
let other: TestUser;
let staff: TestUser;
let threadId: number;

beforeAll(async () => {
  t = await buildTestApp();
  const admin = await createUser(t, { role: 'admin' });
  fan = await createUser(t);
  other = await createUser(t);
  staff = await createUser(t, { role: 'staff' });
  const board = await createCategory(t, admin);
  threadId = (await createThread(t, fan, board.id, { kind: 'question' })).id;
  await reply(t, staff, threadId, 'Which version?');
  await reply(t, fan, threadId, '2.0.1');
  // The background jobs (the sweeper, every second) use the same pool: stopped, so only reads are counted.
  await t.app.jobs.stop();
  // Four registrations (argon2 each): slow on a busy machine.
}, 180_000);
afterAll(() => t?.close());

it('reads a thread page in two statements once per audience, and each reader’s own part in one, then none', async () => {
  const url = `/api/threads/${threadId}?limit=20`;
  const get = (user?: TestUser) => t.app.inject({ method: 'GET', url, headers: user ? { cookie: user.cookie } : {} });
  // Sessions are remembered after their first request.
  for (const user of [fan, other, staff]) await get(user);
  // Earlier writes' events arrive after their commits, each dropping the cache: wait for them all, then start cold.
  await eventsDelivered(t);
  t.app.readCache.drop();
  let res: Awaited<ReturnType<typeof t.app.inject>> | undefined;
  expect(await statementsDuring(t, async () => (res = await get(fan)))).toBe(3);
  expect(res!.statusCode).toBe(200);
  expect(res!.json().posts).toHaveLength(3);
  // Another fan, and a guest: the same page.
  expect(await statementsDuring(t, () => get(other))).toBe(1);
  expect(await statementsDuring(t, () => get())).toBe(0);
  // Staff read a page of their own.
  expect(await statementsDuring(t, () => get(staff))).toBe(3);
  // Again: from memory.
  for (const user of [fan, other, staff]) expect(await statementsDuring(t, () => get(user))).toBe(0);
});
