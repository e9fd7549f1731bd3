import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Database } from './client.ts';
import { migrate } from './migrate.ts';

// Databases for tests (`@kakera/db/testing`): a fresh, migrated database per
// test file — in-memory PGlite by default, or a copy of a migrated template
// on the PostgreSQL server that TEST_DATABASE_URL names (CI runs both).

export const TEMPLATE_DB = 'kakera_test_template';

/** vitest globalSetup: with TEST_DATABASE_URL, migrate the template once; each test file copies it. */
export async function setupTemplateDatabase(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${TEMPLATE_DB}`;
  const database = await createDatabase({ kind: 'postgres', url: u.toString(), poolSize: 1 });
  await migrate(database);
  await database.close();
}

/** A fresh, migrated database: in-memory PGlite, or a copy of the PostgreSQL template. `drop` removes the copy. */
export async function createTestDatabase(
  opts: { poolSize?: number } = {},
): Promise<{ database: Database; url: string | null; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = await createDatabase({ kind: 'pglite', dataDir: null, loadDataDir: await pgliteTemplate() });
    return { database, url: null, drop: async () => {} };
  }
  const scratch = await createScratchDatabase(url, `kakera_test_${randomBytes(6).toString('hex')}`, TEMPLATE_DB);
  const database = await createDatabase({ kind: 'postgres', url: scratch.url, poolSize: opts.poolSize ?? 10 });
  return { database, ...scratch };
}

/**
 * A new database `name` on the PostgreSQL server of `serverUrl` (empty, or a
 * copy of `template`), its URL, and `drop` to remove it, closing whatever is
 * still connected to it.
 */
export async function createScratchDatabase(
  serverUrl: string,
  name: string,
  template?: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

// PGlite: one migrated database per test process, dumped once; each test
// database starts from that dump (several times faster than initdb and the
// migrations every time).
let template: Promise<Blob | File> | null = null;
function pgliteTemplate(): Promise<Blob | File> {
  template ??= (async () => {
    const database = await createDatabase({ kind: 'pglite', dataDir: null });
    await migrate(database);
    const dump = await database.pglite!.dumpDataDir('none');
    await database.close();
    return dump;
  })();
  return template;
}
