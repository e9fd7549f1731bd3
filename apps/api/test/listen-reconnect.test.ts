import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { sql } from 'drizzle-orm';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp } from './helpers.ts';

// Live events reach an instance through its LISTEN connection. When that
// connection is lost (the database restarted, a network blip), what was
// written meanwhile must still reach the readers once it is back, once each.
// Needs a real server: PGlite has no connection to lose.
const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('a lost LISTEN connection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('delivers what was written while it was down, once, after it reconnects', async () => {
    const admin = await createUser(t, { role: 'admin' });
    const fan = await createUser(t);
    const category = await createCategory(t, admin);
    const thread = await createThread(t, fan, category.id);

    const ws: WebSocket = await (t.app as unknown as { injectWS: (p: string) => Promise<WebSocket> }).injectWS('/ws');
    const frames: { type: string; id?: number; data?: { post?: { body: string } } }[] = [];
    ws.on('message', (raw) => frames.push(JSON.parse(String(raw))));
    ws.send(JSON.stringify({ type: 'subscribe', topic: `thread:${thread.id}` }));
    await expect.poll(() => frames.some((f) => f.type === 'subscribed'), { timeout: 3000, interval: 10 }).toBe(true);
    await reply(t, fan, thread.id, 'before the drop');
    await expect.poll(() => frames.filter((f) => f.type === 'post.created').length, { timeout: 3000, interval: 10 }).toBe(1);

    // Cut the instance's LISTEN connection, then write while it is gone. Only
    // this test's database: other files on the same server listen too.
    const killed = await t.database.db.execute(
      sql`select pg_terminate_backend(pid) as ok from pg_stat_activity
          where query = 'LISTEN kakera_events' and datname = current_database() and pid <> pg_backend_pid()`,
    );
    expect((killed as unknown as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
    await reply(t, fan, thread.id, 'while it was down');
    await reply(t, fan, thread.id, 'also while it was down');

    const bodies = () => frames.filter((f) => f.type === 'post.created').map((f) => f.data!.post!.body);
    await expect
      .poll(bodies, { timeout: 10_000, interval: 20 })
      .toEqual(['before the drop', 'while it was down', 'also while it was down']);
    await reply(t, fan, thread.id, 'after it came back');
    await expect.poll(() => bodies().length, { timeout: 3000, interval: 10 }).toBe(4);
    await new Promise((r) => setTimeout(r, 300)); // a duplicate would show up by now
    expect(bodies()).toEqual(['before the drop', 'while it was down', 'also while it was down', 'after it came back']);
    ws.terminate();
  });
});
