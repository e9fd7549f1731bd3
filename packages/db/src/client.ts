import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.ts';
import { releaseOnFailedBegin } from './release-on-failed-begin.ts';

export type Schema = typeof schema;
/** Both drivers share this type: code written against it runs on either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A database handle or a transaction: repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type DatabaseOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | {
      kind: 'pglite';
      dataDir: string | null;
      sharedBuffersMb?: number;
      /** Start from a dump of another database (`pglite.dumpDataDir()`): tests clone a migrated template. */
      loadDataDir?: Blob | File;
    };

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** The pg pool, for LISTEN/NOTIFY and health checks; null on PGlite. */
  pool: pg.Pool | null;
  pglite: PGlite | null;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 20, connectionTimeoutMillis: 5000 });
    // An idle client's error (the server went away) must not crash the process.
    pool.on('error', () => {});
    // Nor a checked-out client's, when its connection dies between two queries
    // (e.g. inside a transaction): the next query on it fails instead.
    pool.on('connect', (client) => client.on('error', () => {}));
    releaseOnFailedBegin(pool);
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      pool,
      pglite: null,
      async ping() {
        await pool.query('select 1');
      },
      async close() {
        await pool.end();
      },
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir ?? undefined, {
    extensions: { pg_trgm },
    ...(options.loadDataDir && { loadDataDir: options.loadDataDir }),
    // PostgreSQL's default 128 MB of shared buffers would all be resident in
    // the WASM heap; 32 MB keeps an idle embedded server small, and the OS
    // page cache still holds the data files.
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffersMb ?? 32}MB`],
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pool: null,
    pglite: client,
    async ping() {
      await client.query('select 1');
    },
    async close() {
      await client.close();
    },
  };
}
