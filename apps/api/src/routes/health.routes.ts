import { HealthResponse } from '@kakera/contracts';
import type { Database } from '@kakera/db';
import { processHealth } from '../process-health.ts';
import type { App } from './types.ts';

export async function healthRoutes(app: App, opts: { database: Database; version: string }) {
  app.get('/health', { schema: { tags: ['health'], response: { 200: HealthResponse, 503: HealthResponse } } }, async (_req, reply) => {
    const figures = { version: opts.version, ...processHealth };
    try {
      await opts.database.ping();
      return { status: 'ok' as const, database: 'up' as const, ...figures };
    } catch {
      return reply.code(503).send({ status: 'degraded' as const, database: 'down' as const, ...figures });
    }
  });
}
