import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { eq } from 'drizzle-orm';
import { ManualClock } from '@kakera/core';
import { users } from '@kakera/db';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, startSecondInstance, createUser, type TestApp, type TestUser } from './helpers.ts';
import { createAdmin, getJson, send } from './sla-helpers.ts';

// Sessions are remembered between requests (packages/core/src/auth/session-cache.ts).
// Whatever changes what a user may do must still hold from their very next request.
describe('a remembered session', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await buildTestApp({}, new ManualClock('2026-03-02T10:00:00Z'));
    admin = await createAdmin(t);
  });
  afterAll(() => t.close());

  it('loses staff rights on the request right after a demotion', async () => {
    const staff = await createUser(t, { role: 'staff' });
    expect((await getJson(t, '/api/sla/queue', staff)).status).toBe(200);
    expect((await send(t, 'PATCH', `/api/users/${staff.id}`, admin, { role: 'fan' })).status).toBe(200);
    expect((await getJson(t, '/api/sla/queue', staff)).status).toBe(403);
    expect((await send(t, 'PATCH', `/api/users/${staff.id}`, admin, { role: 'staff' })).status).toBe(200);
    expect((await getJson(t, '/api/sla/queue', staff)).status).toBe(200);
  });

  it('is signed out by a suspension at once', async () => {
    const fan = await createUser(t);
    expect((await getJson(t, '/api/me', fan)).status).toBe(200);
    expect((await send(t, 'PATCH', `/api/users/${fan.id}`, admin, { suspended: true })).status).toBe(200);
    expect((await getJson(t, '/api/me', fan)).status).toBe(401);
  });

  it('is gone after signing out, even for a copy of the cookie', async () => {
    const fan = await createUser(t);
    expect((await getJson(t, '/api/me', fan)).status).toBe(200);
    expect((await send(t, 'POST', '/api/auth/logout', fan)).status).toBe(200);
    expect((await getJson(t, '/api/me', fan)).status).toBe(401);
  });

  it('asks the database again after a few seconds, for a change that came without an event', async () => {
    const staff = await createUser(t, { role: 'staff' });
    expect((await getJson(t, '/api/sla/queue', staff)).status).toBe(200);
    await t.database.db.update(users).set({ role: 'fan' }).where(eq(users.id, staff.id)); // behind the server's back
    t.clock.advance(6000);
    expect((await getJson(t, '/api/sla/queue', staff)).status).toBe(403);
  });

  it('closes the live connections of a demoted staff member, with a reconnect hint', async () => {
    const staff = await createUser(t, { role: 'staff' });
    const ws: WebSocket = await (t.app as unknown as { injectWS: (p: string, o?: object) => Promise<WebSocket> }).injectWS('/ws', {
      headers: { cookie: staff.cookie },
    });
    const frames: { type: string }[] = [];
    ws.on('message', (raw) => frames.push(JSON.parse(String(raw))));
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ type: 'subscribe', topic: 'staff-queue' }));
    await expect.poll(() => frames.some((f) => f.type === 'subscribed'), { timeout: 3000, interval: 10 }).toBe(true);
    expect((await send(t, 'PATCH', `/api/users/${staff.id}`, admin, { role: 'fan' })).status).toBe(200);
    expect(await closed).toBe(4001);
    expect(frames.map((f) => f.type)).toContain('reconnect');
  });

  // Last: it moves the clock past every session here.
  it('expires at its expiry time, not later', async () => {
    const fan = await createUser(t);
    expect((await getJson(t, '/api/me', fan)).status).toBe(200);
    t.clock.advance(31 * 24 * 3600 * 1000);
    expect((await getJson(t, '/api/me', fan)).status).toBe(401);
  });
});

// Another instance learns of the change by NOTIFY; needs a real server.
const url = process.env.TEST_DATABASE_URL;
describe.skipIf(!url)('a remembered session on another instance', () => {
  let a: TestApp;
  let b: FastifyInstance;
  let closeB: () => Promise<void>;

  beforeAll(async () => {
    a = await buildTestApp();
    ({ app: b, close: closeB } = await startSecondInstance(a));
  });
  afterAll(async () => {
    await closeB();
    await a.close();
  });

  it('loses staff rights there as soon as the demotion is committed', async () => {
    const admin = await createAdmin(a);
    const staff = await createUser(a, { role: 'staff' });
    const onB = async () => (await b.inject({ method: 'GET', url: '/api/sla/queue', headers: { cookie: staff.cookie } })).statusCode;
    expect(await onB()).toBe(200); // B now remembers the session
    expect((await send(a, 'PATCH', `/api/users/${staff.id}`, admin, { role: 'fan' })).status).toBe(200);
    // The clock does not move: only the event can make B forget.
    await expect.poll(onB, { timeout: 3000, interval: 10 }).toBe(403);
  });
});
