import { afterAll, beforeAll, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { deleteExpiredSessions } from '@kakera/core';
import { pruneEvents } from '@kakera/db';
import { events, sessions } from '@kakera/db';
import { buildTestApp, createCategory, createThread, createUser, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

it('keeps a session alive while it is used and ends it 30 days after the last use', async () => {
  const fan = await createUser(t);
  const me = () => t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: fan.cookie } });
  t.clock.advance(20 * 24 * 3600 * 1000);
  expect((await me()).statusCode).toBe(200); // renews
  t.clock.advance(20 * 24 * 3600 * 1000);
  expect((await me()).statusCode).toBe(200);
  t.clock.advance(31 * 24 * 3600 * 1000);
  expect((await me()).statusCode).toBe(401);

  const before = (await t.database.db.select({ n: count() }).from(sessions))[0]!.n;
  await deleteExpiredSessions(t.app.deps.db, t.app.deps.clock.now());
  const after = (await t.database.db.select({ n: count() }).from(sessions))[0]!.n;
  expect(after).toBe(before - 1);
});

it('prunes events older than the retention but keeps recent ones', async () => {
  const admin = await createUser(t, { role: 'admin' });
  const category = await createCategory(t, admin);
  await createThread(t, admin, category.id);
  const total = async () => (await t.database.db.select({ n: count() }).from(events))[0]!.n;
  const n = await total();
  expect(n).toBeGreaterThan(0);
  await pruneEvents(t.app.deps.db, t.app.deps.clock.now());
  expect(await total()).toBe(n);
  t.clock.advance(4 * 24 * 3600 * 1000);
  await createThread(t, admin, category.id); // newer than the retention: kept
  const recent = (await total()) - n;
  expect(recent).toBeGreaterThan(0);
  await pruneEvents(t.app.deps.db, t.app.deps.clock.now());
  expect(await total()).toBe(recent);
  t.clock.advance(4 * 24 * 3600 * 1000);
  await pruneEvents(t.app.deps.db, t.app.deps.clock.now());
  expect(await total()).toBe(0);
});
