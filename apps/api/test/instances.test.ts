import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, startSecondInstance, createCategory, createThread, createUser, reply, type TestApp } from './helpers.ts';

// Two server instances on one PostgreSQL: a client connected to either sees
// every event. Needs a real server (LISTEN/NOTIFY between processes' pools).
const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('two instances on one PostgreSQL', () => {
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

  it('delivers a reply written on instance A to a reader connected to instance B', async () => {
    const admin = await createUser(a, { role: 'admin' });
    const fan = await createUser(a);
    const category = await createCategory(a, admin);
    const thread = await createThread(a, fan, category.id);

    const ws: WebSocket = await (b as unknown as { injectWS: (p: string) => Promise<WebSocket> }).injectWS('/ws');
    const frames: { type: string; data?: { post?: { body: string } } }[] = [];
    ws.on('message', (raw) => frames.push(JSON.parse(String(raw))));
    ws.send(JSON.stringify({ type: 'subscribe', topic: `thread:${thread.id}` }));
    await waitFor(() => frames.some((f) => f.type === 'subscribed'));

    await reply(a, fan, thread.id, 'written on A');
    await waitFor(() => frames.some((f) => f.type === 'post.created'));
    expect(frames.filter((f) => f.type === 'post.created').map((f) => f.data!.post!.body)).toEqual(['written on A']);
    ws.terminate();
  });
});

async function waitFor(pred: () => boolean, ms = 5000) {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
