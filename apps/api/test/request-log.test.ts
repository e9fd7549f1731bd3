import { describe, expect, it } from 'vitest';
import { ManualClock } from '@kakera/core';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createTestDatabase } from './helpers.ts';

// At the default level (info) an everyday request writes nothing; a slow one
// or a server error writes one line.
async function withLog(env: Record<string, string>, run: (app: Awaited<ReturnType<typeof buildApp>>, lines: string[]) => Promise<void>) {
  const { database, url, drop } = await createTestDatabase();
  const lines: string[] = [];
  const config = loadConfig({
    SESSION_SECRET: 'test-secret-test-secret-test-secret-00',
    DATA_DIR: '/tmp/kakera-test-unused',
    RATE_LIMIT: 'off',
    PUBLIC_URL: 'http://localhost:3000',
    ...(url && { DATABASE_URL: url }),
    ...env,
  });
  const app = await buildApp({ config, database, clock: new ManualClock(), logStream: { write: (l) => void lines.push(l) } });
  try {
    await app.ready();
    await run(app, lines);
  } finally {
    await app.close();
    await database.close();
    await drop();
  }
}

const requestLines = (lines: string[]) =>
  lines.map((l) => JSON.parse(l) as { msg: string; url?: string; level: number }).filter((l) => l.url);

describe('request logging', () => {
  it('writes nothing at info for everyday requests', async () => {
    await withLog({}, async (app, lines) => {
      expect((await app.inject({ method: 'GET', url: '/api/categories' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/threads/999999' })).statusCode).toBe(404);
      expect(requestLines(lines)).toEqual([]);
    });
  }, 60_000);

  it('writes one line per request at debug', async () => {
    await withLog({ LOG_LEVEL: 'debug' }, async (app, lines) => {
      await app.inject({ method: 'GET', url: '/api/categories' });
      const got = requestLines(lines);
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ msg: 'request', url: '/api/categories', level: 20 });
    });
  }, 60_000);

  it('logs a slow request at info', async () => {
    await withLog({ SLOW_REQUEST_MS: '1' }, async (app, lines) => {
      await app.inject({ method: 'GET', url: '/api/categories' });
      await new Promise((r) => setTimeout(r, 5)); // the pino stream is written asynchronously
      const got = requestLines(lines).filter((l) => l.msg === 'slow request');
      expect(got.length).toBeGreaterThanOrEqual(1);
      expect(got[0]).toMatchObject({ url: '/api/categories', level: 30 });
    });
  }, 60_000);
});
