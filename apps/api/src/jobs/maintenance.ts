import type { FastifyInstance } from 'fastify';
import { deleteExpiredSessions, pruneEvents, type Deps } from '@kakera/core';

const EVERY_MS = 60 * 60 * 1000;

/** Hourly housekeeping: expired sessions and old events. Idempotent, so instances need no lock. */
export function registerMaintenance(app: FastifyInstance, deps: Deps) {
  let timer: NodeJS.Timeout | null = null;
  const run = async () => {
    try {
      await deleteExpiredSessions(deps);
      await pruneEvents(deps);
    } catch (err) {
      app.log.warn({ err }, 'maintenance failed; will retry');
    }
  };
  app.addHook('onReady', async () => {
    timer = setInterval(() => void run(), EVERY_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });
}
