import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '@kakera/core';
import { isEmpty, seedDemo, type DemoLogin } from '@kakera/demo';
import { createDatabase, migrate } from '@kakera/db';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogDestination } from './log-destination.ts';
import { guardProcess } from './process-health.ts';
import { createShutdown } from './shutdown.ts';
import type { WebHandler } from './web/mount-web.ts';

const webBuild = fileURLToPath(new URL('../../web/build/handler.js', import.meta.url));

/** SvelteKit's handler reads its settings from the environment when imported. */
async function loadWebHandler(config: Config): Promise<WebHandler | null> {
  if (!existsSync(webBuild)) return null;
  process.env.ORIGIN ??= config.PUBLIC_URL;
  process.env.INTERNAL_API_URL ??= `http://127.0.0.1:${config.PORT}`;
  // A form sent without JavaScript carries its files too (the action uploads them through the API).
  process.env.BODY_SIZE_LIMIT ??= String(
    Math.max(config.BODY_LIMIT_BYTES, config.ATTACHMENT_MAX_BYTES * config.ATTACHMENTS_PER_POST + 1024 * 1024),
  );
  const mod = (await import(webBuild)) as { handler: WebHandler };
  return mod.handler;
}

function printLogins(config: Config, logins: DemoLogin[]) {
  const width = Math.max(...logins.map((l) => l.email.length));
  const lines = logins.map((l) => `  ${l.email.padEnd(width)}  ${l.password}  (${l.role})`);
  process.stdout.write(`\nDemo data loaded. Sign in at ${config.PUBLIC_URL}/login with:\n${lines.join('\n')}\n\n`);
}

async function main() {
  // First, so that stdout has an error listener before anything writes to it (a closed pipe is EPIPE).
  const logDestination = createLogDestination();
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const database = await createDatabase(
    config.DATABASE_URL
      ? { kind: 'postgres', url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: join(config.DATA_DIR, 'pglite') },
  );
  await migrate(database);
  const web = await loadWebHandler(config);
  const app = await buildApp({ config, database, clock: systemClock, web, logStream: logDestination });
  const shutdown = createShutdown({
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    log: app.log,
    close: async () => {
      app.hub.closeAll(2000);
      await app.close();
      await database.close();
    },
    drainLogs: (ms) => logDestination.drain(ms),
  });
  guardProcess(app.log, shutdown);
  if (!web) app.log.warn('apps/web/build is missing: serving the API only (run `npm run build`)');

  if (config.loadDemoData && (await isEmpty(app.deps))) {
    const logins = await seedDemo(app.deps);
    printLogins(config, logins);
  }

  process.on('SIGTERM', () => shutdown('SIGTERM', 0));
  process.on('SIGINT', () => shutdown('SIGINT', 0));

  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((err: unknown) => {
  process.stderr.write(`Kakera failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
