import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '@kakera/core';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp, type TestUser } from './helpers.ts';

// The write paths' statements, counted at the driver (transaction control
// included), on PGlite and PostgreSQL alike: every statement is a round trip
// while the transaction holds its row locks (docs/performance.md, "The write
// paths").
let t: TestApp;
let fan: TestUser;
let voter: TestUser;
let staff: TestUser;
let threadId: number;
let issueKey: string;

beforeAll(async () => {
  // No sweeper timer: its ticks' statements would be counted with the request's.
  t = await buildTestApp({}, new ManualClock(), { sweeper: { timer: false } });
  const admin = await createUser(t, { role: 'admin' });
  fan = await createUser(t);
  voter = await createUser(t);
  staff = await createUser(t, { role: 'staff' });
  const board = await createCategory(t, admin, { slaTargetSeconds: 900 });
  threadId = (await createThread(t, fan, board.id, { kind: 'question' })).id;
  await reply(t, staff, threadId, 'Which version?');
  await reply(t, fan, threadId, '2.0.1');
  const bug = await createThread(t, fan, board.id, {
    kind: 'bug',
    title: 'Battery drains overnight',
    body: 'My phone loses 40 % overnight.',
    report: { device: 'Kakera 12', softwareVersion: '2.1.0', stepsToReproduce: 'Leave it charged' },
  });
  const promoted = await t.app.inject({
    method: 'POST',
    url: `/api/threads/${bug.id}/promote`,
    headers: { cookie: staff.cookie },
    payload: {},
  });
  issueKey = promoted.json().issue.key;
}, 60_000);
afterAll(() => t?.close());

const inRequest = new AsyncLocalStorage<true>();

/**
 * The statements `fn` sends to the database, on any connection (a
 * transaction's too); not those of background jobs that run meanwhile.
 */
async function statementsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const text = (q: unknown) =>
    (typeof q === 'string' ? q : ((q as { text?: string })?.text ?? String(q))).replace(/\s+/g, ' ').slice(0, 160);
  const restore: (() => void)[] = [];
  const wrap = (target: Record<string, unknown>, name: string) => {
    const orig = target[name] as (...args: unknown[]) => unknown;
    target[name] = function (this: unknown, ...args: unknown[]) {
      if (inRequest.getStore()) seen.push(text(args[0]));
      return orig.apply(this, args);
    };
    restore.push(() => (target[name] = orig));
  };
  if (t.database.pool) {
    // Every pooled connection's own query (a transaction runs on one), and those the pool opens meanwhile.
    const pool = t.database.pool as unknown as { _clients: Record<string, unknown>[] } & import('pg').Pool;
    for (const client of pool._clients) wrap(client, 'query');
    const onConnect = (client: unknown) => wrap(client as Record<string, unknown>, 'query');
    pool.on('connect', onConnect);
    restore.push(() => pool.off('connect', onConnect));
  } else {
    const lite = t.database.pglite as unknown as Record<string, unknown>;
    wrap(lite, 'query');
    wrap(lite, 'exec');
    const transaction = lite.transaction as (cb: (tx: unknown) => unknown) => unknown;
    lite.transaction = function (this: unknown, cb: (tx: Record<string, unknown>) => unknown) {
      if (inRequest.getStore()) seen.push('begin');
      return transaction.call(this, (tx: unknown) => {
        wrap(tx as Record<string, unknown>, 'query');
        wrap(tx as Record<string, unknown>, 'exec');
        return cb(tx as Record<string, unknown>);
      });
    };
    restore.push(() => (lite.transaction = transaction));
  }
  try {
    await inRequest.run(true, fn);
  } finally {
    for (const r of restore.reverse()) r();
  }
  return seen;
}

const control = /^(begin|commit|rollback)/i;

/** A reply by `voter` in the thread, its statements (transaction control left out). */
async function replyStatements(body: string): Promise<string[]> {
  let res: Awaited<ReturnType<typeof t.app.inject>> | undefined;
  const all = await statementsDuring(async () => {
    res = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${threadId}/posts`,
      headers: { cookie: voter.cookie },
      payload: { body },
    });
  });
  expect(res!.statusCode).toBe(201);
  expect(res!.json().post).toMatchObject({ body, likedByMe: false, can: { edit: true } });
  return all.filter((q) => !control.test(q));
}

it("a reply: 10 statements (13 before, 29 at first), 13 with its writer's first-post badge (15 before); the board row it shares with every reply in the board locked last", async () => {
  // The session is remembered after the first request.
  await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: voter.cookie } });
  // Their first post: the first-post badge with its notification and event, three more.
  const first = await replyStatements('Same here on 2.0.1');
  expect(first, first.join('\n')).toHaveLength(13);
  expect(first.at(-1)).toMatch(/^update "categories"/);
  // The thread, then in one transaction: its number; the post with its author, whether staff replied and whether
  // the writer holds the first-post badge; its obligation; the points; the search row; the thread author's
  // notification and its event; the post's event; the board's counts. Nothing read back after the commit.
  const later = await replyStatements('And on 2.0.2');
  expect(later, later.join('\n')).toHaveLength(10);
  expect(later.at(-1)).toMatch(/^update "categories"/);
});

it("a vote: 5 statements (10 before), the issue's row (every voter's) locked last, then only the events", async () => {
  let res: Awaited<ReturnType<typeof t.app.inject>> | undefined;
  const all = await statementsDuring(async () => {
    res = await t.app.inject({ method: 'POST', url: `/api/issues/${issueKey}/vote`, headers: { cookie: voter.cookie } });
  });
  expect(res!.statusCode).toBe(200);
  expect(res!.json()).toEqual({ voteCount: 1, voted: true });
  const statements = all.filter((q) => !control.test(q));
  expect(statements, statements.join('\n')).toHaveLength(5);
  expect(statements.at(-2)).toMatch(/^update "issues" set "vote_count"/);
  expect(statements.at(-1)).toMatch(/insert into "events"/);
});
