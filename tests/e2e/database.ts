import { createScratchDatabase } from '@kakera/db/testing';

/**
 * A fresh database on the PostgreSQL server that E2E_DATABASE_URL names, for
 * a server of the browser tests (global-setup.ts's, and a test's own second
 * server): a server on the embedded database also runs the database in its own
 * process, and on a loaded machine its first start (migrations, demo data) can
 * take over a minute. Null without E2E_DATABASE_URL: the server then keeps its
 * data in DATA_DIR.
 */
export async function freshDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const server = process.env.E2E_DATABASE_URL;
  if (!server) return null;
  return createScratchDatabase(server, `kakera_e2e_${label}_${process.pid}_${Date.now()}`);
}
