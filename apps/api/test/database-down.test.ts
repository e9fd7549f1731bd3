import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ManualClock } from '@kakera/core';
import { createDatabase, type Database } from '@kakera/db';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { connectWs } from './ws-client.ts';

// A PostgreSQL that is not there (nothing listens on port 1): requests must
// get a clear 503, and the process must stay up.
let app: FastifyInstance;
let database: Database;

beforeAll(async () => {
  const url = 'postgres://nobody@127.0.0.1:1/none';
  database = await createDatabase({ kind: 'postgres', url, poolSize: 2 });
  const config = loadConfig({
    DATABASE_URL: url,
    SESSION_SECRET: 'x'.repeat(32),
    LOG_LEVEL: 'silent',
    DATA_DIR: '/tmp/kakera-test-unused',
  });
  app = await buildApp({ config, database, clock: new ManualClock(), logger: false });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

it('answers 503 database_unavailable instead of crashing', async () => {
  const res = await app.inject({ method: 'GET', url: '/api/categories' });
  expect(res.statusCode).toBe(503);
  expect(res.json().error.code).toBe('database_unavailable');
  expect(res.headers['retry-after']).toBeDefined();
  const again = await app.inject({ method: 'GET', url: '/api/threads/1', headers: { cookie: 'kakera_session=abc' } });
  expect(again.statusCode).toBe(503);
});

it('reports the database as down on the health check', async () => {
  const res = await app.inject({ method: 'GET', url: '/api/health' });
  expect(res.statusCode).toBe(503);
  expect(res.json()).toMatchObject({ status: 'degraded', database: 'down' });
});

it('answers a socket’s messages with an error frame while the database is down, and keeps serving', async () => {
  const c = await connectWs(app);
  // Following a board needs no database; a replay does.
  expect((await c.subscribe('category:1')).type).toBe('subscribed');
  expect(await c.resume(5)).toMatchObject({ type: 'error', code: 'database_unavailable' });
  expect(await c.subscribe('thread:1')).toMatchObject({ type: 'error', code: 'database_unavailable', topic: 'thread:1' });
  c.send({ type: 'ping' });
  await c.next((f) => f.type === 'pong');
  const health = await app.inject({ method: 'GET', url: '/api/health' });
  expect(health.json()).toMatchObject({ database: 'down' });
  c.ws.terminate();
});
