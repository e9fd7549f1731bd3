import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ManualClock, type Clock } from '@kakera/core';
import { createDatabase, users, type Database } from '@kakera/db';
import { createTestDatabase } from '@kakera/db/testing';
import { eq, sql } from 'drizzle-orm';
import { expect, vi } from 'vitest';
import { buildApp, type BuildOptions } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';

export { createTestDatabase };

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  clock: ManualClock;
  config: Config;
  close(): Promise<void>;
}

/**
 * The whole API on a fresh database, with a manual clock (and more build
 * options, e.g. `mail: { timer: false }`, or `web`: a SvelteKit handler to
 * mount). Close it in afterAll.
 */
export async function buildTestApp(
  env: Record<string, string> = {},
  clock: Clock = new ManualClock(),
  build: Partial<Pick<BuildOptions, 'mail' | 'sweeper' | 'web'>> = {},
): Promise<TestApp> {
  const { database, url, drop } = await createTestDatabase();
  const config = loadConfig({
    SESSION_SECRET: 'test-secret-test-secret-test-secret-00',
    DATA_DIR: '/tmp/kakera-test-unused',
    RATE_LIMIT: 'off',
    LOG_LEVEL: 'silent',
    ADMIN_EMAILS: 'admin@test.dev',
    PUBLIC_URL: 'http://localhost:3000',
    ...(url && { DATABASE_URL: url }),
    ...env,
  });
  const app = await buildApp({ config, database, clock, logger: false, ...build });
  await app.ready();
  return {
    app,
    database,
    clock: clock as ManualClock,
    config,
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}

/**
 * A second server instance on the first one's PostgreSQL database, with the
 * same configuration and clock, as several instances run in production.
 */
export async function startSecondInstance(first: TestApp): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  if (!first.config.DATABASE_URL) throw new Error('a second instance needs PostgreSQL (TEST_DATABASE_URL)');
  const database = await createDatabase({ kind: 'postgres', url: first.config.DATABASE_URL, poolSize: 3 });
  const app = await buildApp({ config: first.config, database, clock: first.clock, logger: false });
  await app.ready();
  return {
    app,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

let seq = 0;
export interface TestUser {
  id: number;
  cookie: string;
  email: string;
  name: string;
}

/** Registers a user and, for other roles, sets the role directly (as an admin would). */
export async function createUser(
  t: TestApp,
  opts: { role?: 'fan' | 'staff' | 'executive' | 'admin'; name?: string; suspended?: boolean } = {},
): Promise<TestUser> {
  seq++;
  const email = `user${seq}-${randomBytes(3).toString('hex')}@test.dev`;
  const name = opts.name ?? `User ${seq}`;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: { email, password: 'correct horse battery', name },
  });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookie(res);
  const id = res.json().user.id as number;
  if (opts.role && opts.role !== 'fan') await t.database.db.update(users).set({ role: opts.role }).where(eq(users.id, id));
  if (opts.suspended) await t.database.db.update(users).set({ suspendedAt: new Date() }).where(eq(users.id, id));
  return { id, cookie, email, name };
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'kakera_session');
  if (!c) throw new Error('no session cookie');
  return `kakera_session=${c.value}`;
}

export async function createCategory(t: TestApp, admin: TestUser, body: Record<string, unknown> = {}) {
  seq++;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/categories',
    headers: { cookie: admin.cookie },
    payload: { slug: `cat-${seq}`, name: `Category ${seq}`, ...body },
  });
  if (res.statusCode !== 201) throw new Error(`category failed: ${res.statusCode} ${res.body}`);
  return res.json().category as { id: number; slug: string; slaTargetSeconds: number };
}

export async function createThread(t: TestApp, user: TestUser, categoryId: number, body: Record<string, unknown> = {}) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/threads',
    headers: { cookie: user.cookie },
    payload: { categoryId, title: 'A thread title', body: 'The first post', kind: 'discussion', ...body },
  });
  if (res.statusCode !== 201) throw new Error(`thread failed: ${res.statusCode} ${res.body}`);
  return res.json().thread as { id: number; categoryId: number };
}

export async function reply(t: TestApp, user: TestUser, threadId: number, body = 'A reply') {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/threads/${threadId}/posts`,
    headers: { cookie: user.cookie },
    payload: { body },
  });
  if (res.statusCode !== 201) throw new Error(`reply failed: ${res.statusCode} ${res.body}`);
  return res.json().post as { id: number };
}

/**
 * Waits until every event stored so far has been delivered to this process:
 * earlier writes' events arrive after their commits, and each drops the read
 * cache, so a test that counts cache hits or statements starts after them.
 */
export async function eventsDelivered(t: TestApp): Promise<void> {
  const [{ max }] = (await t.database.db.execute(sql`select coalesce(max(id), 0)::int as max from events`)).rows as [{ max: number }];
  await vi.waitFor(() => expect(t.app.deps.events.latestId()).toBeGreaterThanOrEqual(max), { timeout: 5000, interval: 10 });
}

/**
 * How many statements reach the database while `fn` runs (those whose text
 * matches `only`, if given). Counts at the pool (or PGlite): stop the
 * background jobs first (`t.app.jobs.stop()`), or theirs count too.
 */
export async function statementsDuring(t: TestApp, fn: () => Promise<unknown>, only?: RegExp): Promise<number> {
  const client = (t.database.pool ?? t.database.pglite) as unknown as { query: (...args: unknown[]) => Promise<unknown> };
  const query = client.query;
  let n = 0;
  client.query = function (this: unknown, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string } | undefined)?.text ?? '');
    if (!only || only.test(text)) n++;
    return query.apply(this, args);
  };
  try {
    await fn();
  } finally {
    client.query = query;
  }
  return n;
}
