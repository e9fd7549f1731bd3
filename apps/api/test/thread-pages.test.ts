import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { createDatabase, migrationsFolder, type Database } from '@kakera/db';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp, type TestUser } from './helpers.ts';

// Post numbers (`posts.position`) and the thread page's paging by number:
// pages hold fixed ranges of positions, `post=` finds a post's page,
// concurrent replies get distinct gap-free numbers, and the migration that
// introduced the column numbers the posts that were already there.

let t: TestApp;
let admin: TestUser;
let fan: TestUser;
let fan2: TestUser;
let staff: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  admin = await createUser(t, { role: 'admin' });
  fan = await createUser(t);
  fan2 = await createUser(t);
  staff = await createUser(t, { role: 'staff' });
});
afterAll(() => t?.close());

interface PageBody {
  posts: { id: number; position: number; deleted: boolean; body: string }[];
  page: number;
  pageCount: number;
}
const get = (url: string, user?: TestUser) => t.app.inject({ method: 'GET', url, headers: user ? { cookie: user.cookie } : {} });
const readPage = async (url: string, user?: TestUser) => {
  const res = await get(url, user);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as PageBody;
};
const positionsOf = (threadPosts: { position: number }[]) => threadPosts.map((p) => p.position);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('a thread of 120 posts', () => {
  let threadId: number;
  const ids: number[] = []; // ids[n - 1] is post number n

  beforeAll(async () => {
    const category = await createCategory(t, admin);
    const thread = await createThread(t, fan, category.id);
    threadId = thread.id;
    ids.push((await readPage(`/api/threads/${threadId}`)).posts[0]!.id);
    // Same-millisecond replies too: numbers never depend on the clock.
    for (let i = 2; i <= 120; i++) {
      if (i % 3 === 0) t.clock.advanceSeconds(1);
      ids.push((await reply(t, i % 2 ? fan : fan2, threadId, `Reply number ${i}`)).id);
    }
  }, 120_000);

  it('has three pages of 50; page 3 holds numbers 101 to 120', async () => {
    const first = await readPage(`/api/threads/${threadId}`);
    expect(first).toMatchObject({ page: 1, pageCount: 3 });
    expect(positionsOf(first.posts)).toEqual(range(1, 50));
    expect(first.posts.map((p) => p.id)).toEqual(ids.slice(0, 50));

    const third = await readPage(`/api/threads/${threadId}?page=3`);
    expect(third).toMatchObject({ page: 3, pageCount: 3 });
    expect(positionsOf(third.posts)).toEqual(range(101, 120));
    expect(third.posts.map((p) => p.id)).toEqual(ids.slice(100));
    expect(third.posts[19]!.body).toBe('Reply number 120');

    const small = await readPage(`/api/threads/${threadId}?page=4&limit=30`);
    expect(small).toMatchObject({ page: 4, pageCount: 4 });
    expect(positionsOf(small.posts)).toEqual(range(91, 120));
  });

  it('post=<id> answers the page that holds the post', async () => {
    for (const [n, page] of [
      [1, 1],
      [50, 1],
      [51, 2],
      [100, 2],
      [101, 3],
      [120, 3],
    ] as const) {
      const body = await readPage(`/api/threads/${threadId}?post=${ids[n - 1]}`);
      expect(body.page, `post number ${n}`).toBe(page);
      expect(body.pageCount).toBe(3);
      expect(body.posts.find((p) => p.id === ids[n - 1])?.position).toBe(n);
    }
    // `post` wins over `page`, and follows the page size asked for.
    expect((await readPage(`/api/threads/${threadId}?post=${ids[60]}&page=3`)).page).toBe(2);
    expect((await readPage(`/api/threads/${threadId}?post=${ids[60]}&limit=20`)).page).toBe(4);
  });

  it('answers 404 for a post of another thread or no post at all, and 400 for a malformed one', async () => {
    const category = await createCategory(t, admin);
    const other = await createThread(t, fan, category.id);
    const stranger = await reply(t, fan2, other.id);
    const wrong = await get(`/api/threads/${threadId}?post=${stranger.id}`);
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('not_found');
    expect((await get(`/api/threads/${threadId}?post=2147483647`)).statusCode).toBe(404);
    for (const bad of ['0', '-1', 'abc', '1.5']) expect((await get(`/api/threads/${threadId}?post=${bad}`)).statusCode).toBe(400);
  });

  it('answers a page past the end with no posts and the real page count', async () => {
    for (const page of [4, 10_000_000]) {
      const body = await readPage(`/api/threads/${threadId}?page=${page}`);
      expect(body).toEqual(expect.objectContaining({ page, pageCount: 3, posts: [] }));
    }
    for (const bad of ['0', '-1', 'x', '10000001', '99999999999999999999']) {
      expect((await get(`/api/threads/${threadId}?page=${bad}`)).statusCode).toBe(400);
    }
  });
});

describe('post numbers', () => {
  it('are distinct and gap-free under 20 concurrent replies', async () => {
    const category = await createCategory(t, admin);
    const thread = await createThread(t, fan, category.id);
    const repliers = await Promise.all(Array.from({ length: 4 }, () => createUser(t)));
    const made = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/threads/${thread.id}/posts`,
          headers: { cookie: repliers[i % 4]!.cookie },
          payload: { body: `Concurrent ${i}` },
        });
        expect(res.statusCode, res.body).toBe(201);
        return res.json().post as { id: number; position: number };
      }),
    );
    expect(made.map((p) => p.position).sort((a, b) => a - b)).toEqual(range(2, 21));
    const { posts, pageCount } = await readPage(`/api/threads/${thread.id}`);
    expect(pageCount).toBe(1);
    expect(positionsOf(posts)).toEqual(range(1, 21));
    // The page lists them by number, and each has the number its reply was answered with.
    for (const p of made) expect(posts.find((x) => x.id === p.id)?.position).toBe(p.position);
  });

  it('are kept by deleted and hidden posts and never reused', async () => {
    const category = await createCategory(t, admin);
    const thread = await createThread(t, fan, category.id);
    const a = await reply(t, fan2, thread.id, 'second');
    const b = await reply(t, fan2, thread.id, 'third');
    const del = await t.app.inject({ method: 'DELETE', url: `/api/posts/${b.id}`, headers: { cookie: fan2.cookie } });
    expect(del.statusCode).toBe(200);
    expect(del.json().post.position).toBe(3);
    // The reply count went down; the next number still goes up.
    const c = (
      await t.app.inject({
        method: 'POST',
        url: `/api/threads/${thread.id}/posts`,
        headers: { cookie: staff.cookie },
        payload: { body: 'fourth' },
      })
    ).json().post as { id: number; position: number };
    expect(c.position).toBe(4);
    for (const viewer of [undefined, fan, staff]) {
      const { posts } = await readPage(`/api/threads/${thread.id}`, viewer);
      expect(posts.map((p) => [p.id, p.position])).toEqual([
        [posts[0]!.id, 1],
        [a.id, 2],
        [b.id, 3],
        [c.id, 4],
      ]);
      expect(posts[2]!.deleted).toBe(true);
    }
    // post= finds a deleted post's page too: links to it still land somewhere sensible.
    expect((await readPage(`/api/threads/${thread.id}?post=${b.id}`)).page).toBe(1);
  });

  it('are carried by every post in responses and in the live post.created event', async () => {
    const category = await createCategory(t, admin);
    const thread = await createThread(t, fan, category.id);
    const seen: { type: string; data: unknown }[] = [];
    const stop = t.app.deps.events.subscribe((e) => seen.push(e));
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${thread.id}/posts`,
      headers: { cookie: fan2.cookie },
      payload: { body: 'numbered' },
    });
    const post = created.json().post as { id: number; position: number };
    expect(post.position).toBe(2);
    // On PostgreSQL the event comes back through NOTIFY, a moment after the commit.
    await vi.waitFor(() => expect(seen.some((e) => e.type === 'post.created')).toBe(true), { timeout: 5000, interval: 10 });
    stop();
    const event = seen.find((e) => e.type === 'post.created');
    expect((event!.data as { post: { id: number; position: number } }).post).toMatchObject({ id: post.id, position: 2 });
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/posts/${post.id}`,
      headers: { cookie: fan2.cookie },
      payload: { body: 'numbered, edited' },
    });
    expect(edited.json().post.position).toBe(2);
  });
});

/**
 * A database migrated up to just before 0002_post_positions: a copy of the
 * migrations folder whose journal stops there. On PostgreSQL a blank database
 * (not the migrated test template), on PGlite a fresh in-memory one.
 */
async function databaseBefore(tag: string) {
  const dir = await mkdtemp(path.join(tmpdir(), 'kakera-migrations-'));
  await cp(migrationsFolder, dir, { recursive: true });
  const journalPath = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const upTo = journal.entries.findIndex((e) => e.tag === tag);
  expect(upTo).toBeGreaterThan(0);
  await writeFile(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));

  const url = process.env.TEST_DATABASE_URL;
  let database: Database;
  let dropDb = async () => {};
  if (url) {
    const name = `kakera_migration_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    database = await createDatabase({ kind: 'postgres', url: u.toString(), poolSize: 2 });
    dropDb = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    database = await createDatabase({ kind: 'pglite', dataDir: null });
  }
  const migrateFrom = (folder: string) =>
    database.kind === 'postgres'
      ? migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder: folder })
      : migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
  await migrateFrom(dir);
  return {
    database,
    /** Applies the rest of the real migrations. */
    migrateRest: () => migrateFrom(migrationsFolder),
    async close() {
      await database.close();
      await dropDb();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe('migration 0002_post_positions', () => {
  it('numbers existing posts per thread by time then id, sets each thread’s last number, then enforces both', async () => {
    const before = await databaseBefore('0002_post_positions');
    try {
      const { db } = before.database;
      // One statement per call: PGlite's extended protocol takes no more.
      await db.execute(sql`insert into users (id, name, role) values (1, 'Old fan', 'fan')`);
      await db.execute(sql`insert into categories (id, slug, name) values (1, 'old', 'Old')`);
      await db.execute(sql`
        insert into threads (id, category_id, author_id, title, created_at, last_activity_at) values
          (1, 1, 1, 'First', '2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z'),
          (2, 1, 1, 'Second', '2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z'),
          (3, 1, 1, 'No posts', '2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z')`);
      await db.execute(sql`
        insert into posts (id, thread_id, author_id, author_role, body, html, created_at, deleted_at) values
          (10, 1, 1, 'fan', 'a', 'a', '2026-01-01T10:00:00Z', null),
          (11, 2, 1, 'fan', 'b', 'b', '2026-01-01T10:00:00Z', null),
          (14, 1, 1, 'fan', 'c', 'c', '2026-01-01T10:05:00Z', null),
          (12, 1, 1, 'fan', 'd', 'd', '2026-01-01T10:05:00Z', '2026-01-02T00:00:00Z'),
          (13, 1, 1, 'fan', 'e', 'e', '2026-01-01T10:01:00Z', null),
          (15, 2, 1, 'fan', 'f', 'f', '2026-01-01T10:02:00Z', null)`);
      await before.migrateRest();

      const rows = async (q: ReturnType<typeof sql>) => {
        const res = (await db.execute(q)) as unknown as { rows: Record<string, unknown>[] };
        return res.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])));
      };
      // Same time: the lower id first; a deleted post keeps its number.
      expect(await rows(sql`select id, thread_id, position from posts order by thread_id, position`)).toEqual([
        { id: 10, thread_id: 1, position: 1 },
        { id: 13, thread_id: 1, position: 2 },
        { id: 12, thread_id: 1, position: 3 },
        { id: 14, thread_id: 1, position: 4 },
        { id: 11, thread_id: 2, position: 1 },
        { id: 15, thread_id: 2, position: 2 },
      ]);
      expect(await rows(sql`select id, last_position from threads order by id`)).toEqual([
        { id: 1, last_position: 4 },
        { id: 2, last_position: 2 },
        { id: 3, last_position: 0 },
      ]);
      // The database's own complaint (drizzle wraps it, quoting the SQL).
      const failure = (q: ReturnType<typeof sql>) =>
        db.execute(q).then(
          () => 'succeeded',
          (e: Error & { cause?: Error }) => (e.cause ?? e).message,
        );
      expect(
        await failure(
          sql`insert into posts (thread_id, author_id, author_role, body, html, created_at) values (1, 1, 'fan', 'x', 'x', now())`,
        ),
      ).toMatch(/null value in column "position"/);
      expect(
        await failure(
          sql`insert into posts (thread_id, author_id, author_role, body, html, created_at, position) values (1, 1, 'fan', 'x', 'x', now(), 4)`,
        ),
      ).toMatch(/posts_thread_position_key/);
    } finally {
      await before.close();
    }
  });
});
