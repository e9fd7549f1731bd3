// `npm run import -- stackexchange <dump-dir> --category <slug> [--staff <ids>]`:
// imports into the database the server uses (DATABASE_URL, else the embedded
// one in DATA_DIR — stop the server first: an embedded database has one user).
import { join } from 'node:path';
import { asEventPublisher, DEFAULT_POINTS, systemClock, type Deps } from '@kakera/core';
import { createDatabase, createEventBus, migrate } from '@kakera/db';
import { loadConfig } from '../config.ts';
import { runImportCommand } from './import-command.ts';

const config = loadConfig(process.env);
const database = await createDatabase(
  config.DATABASE_URL
    ? { kind: 'postgres', url: config.DATABASE_URL, poolSize: 4 }
    : { kind: 'pglite', dataDir: join(config.DATA_DIR, 'pglite') },
);
await migrate(database);
const deps: Deps = {
  db: database.db,
  clock: systemClock,
  events: asEventPublisher(createEventBus(database, systemClock, config.DATABASE_URL)),
  config: {
    adminEmails: config.ADMIN_EMAILS,
    sessionTtlMs: 30 * 24 * 3600 * 1000,
    sessionSecret: config.SESSION_SECRET,
    points: DEFAULT_POINTS,
  },
};
const code = await runImportCommand(process.argv.slice(2), deps, {
  stdout: { write: (s) => process.stdout.write(s), isTTY: !!process.stdout.isTTY },
  stderr: { write: (s) => process.stderr.write(s), isTTY: !!process.stderr.isTTY },
});
await database.close();
process.exit(code);
