import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp, type TestUser } from './helpers.ts';

// A thread page's JSON is two statements whoever reads it: the thread with
// everything around it (board, author, response clock, staff reply, issue),
// then the page of posts with their authors, likes and files. Counted at the
// driver, on PGlite and PostgreSQL alike.
let t: TestApp;
let fan: TestUser;
let threadId: number;

beforeAll(async () => {
  t = await buildTestApp();
  const admin = await createUser(t, { role: 'admin' });
  fan = await createUser(t);
  const staff = await createUser(t, { role: 'staff' });
  const board = await createCategory(t, admin);
  threadId = (await createThread(t, fan, board.id, { kind: 'question' })).id;
  await reply(t, staff, threadId, 'Which version?');
  await reply(t, fan, threadId, '2.0.1');
});
afterAll(() => t?.close());

/** Statements sent to the database while `fn` runs. */
async function statementsDuring(fn: () => Promise<unknown>): Promise<number> {
  const client = (t.database.pool ?? t.database.pglite) as unknown as { query: (...args: unknown[]) => Promise<unknown> };
  const query = client.query;
  let n = 0;
  client.query = function (this: unknown, ...args: unknown[]) {
    n++;
    return query.apply(this, args);
  };
  try {
    await fn();
  } finally {
    client.query = query;
  }
  return n;
}

it('reads a thread with a page of its posts in two statements', async () => {
  const url = `/api/threads/${threadId}?limit=20`;
  // Signed in, so the guests' read cache is not in play; the session is remembered after the first request.
  await t.app.inject({ method: 'GET', url, headers: { cookie: fan.cookie } });
  let res: Awaited<ReturnType<typeof t.app.inject>> | undefined;
  const n = await statementsDuring(async () => {
    res = await t.app.inject({ method: 'GET', url, headers: { cookie: fan.cookie } });
  });
  expect(res!.statusCode).toBe(200);
  expect(res!.json().posts).toHaveLength(3);
  expect(n).toBe(2);
});
