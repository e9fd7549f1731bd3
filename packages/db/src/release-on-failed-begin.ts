import type pg from 'pg';

/**
 * drizzle-orm 0.45's node-postgres `transaction()` checks a client out of the
 * pool and sends BEGIN *before* its try/finally that releases the client. If
 * the connection dies in between (the database restarted, the backend was
 * terminated), BEGIN fails and the client is never given back: the pool
 * loses a slot for good, so after a few such moments every query waits for a
 * connection that never comes, and `pool.end()` never finishes.
 *
 * drizzle's transaction is the only caller of the promise form of
 * `pool.connect()` here (pg's own `pool.query` uses the callback form), and
 * its first query on the client is that BEGIN. So: when the first query on a
 * client checked out this way fails, release the client with the error, which
 * makes the pool discard it. apps/api/test/database-restart.test.ts fails
 * without this.
 */
export function releaseOnFailedBegin(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  (pool as { connect: unknown }).connect = (...args: unknown[]) => {
    if (args.length) return connect(...args);
    return (connect() as Promise<pg.PoolClient>).then((client) => {
      const query = client.query.bind(client) as (...q: unknown[]) => unknown;
      let first = true;
      (client as { query: unknown }).query = (...q: unknown[]) => {
        const result = query(...q);
        if (!first) return result;
        first = false;
        // Later checkouts of the same client get a fresh wrapper: put the plain method back.
        (client as { query: unknown }).query = query;
        if (result instanceof Promise) {
          return result.catch((err: unknown) => {
            client.release(err instanceof Error ? err : new Error(String(err)));
            throw err;
          });
        }
        return result;
      };
      return client;
    });
  };
}
