import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { createDatabase, type Database } from '@kakera/db';
import { createTestDatabase } from './helpers.ts';

// Connections die under running transactions (a database restart, a
// terminated backend). The pool must come out of it whole: every connection
// given back or discarded, so that queries work afterwards and closing the
// pool finishes. Needs a real server: PGlite has no connections to lose.
const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('connections killed under running transactions', () => {
  let victimUrl: string;
  let drop: () => Promise<void>;
  let admin: pg.Client;

  beforeAll(async () => {
    const created = await createTestDatabase();
    await created.database.close();
    drop = created.drop;
    const u = new URL(created.url!);
    u.searchParams.set('application_name', 'kakera-victim');
    victimUrl = u.toString();
    admin = new pg.Client({ connectionString: created.url! });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await drop?.();
  });

  const within = <T>(ms: number, p: Promise<T>) =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms))]);

  it('leave the pool whole: it still answers, and it closes', async () => {
    const database: Database = await createDatabase({ kind: 'postgres', url: victimUrl, poolSize: 3 });
    let stop = false;
    const transactions = async () => {
      while (!stop) {
        await database.db
          .transaction(async (tx) => {
            await tx.execute(sql`select pg_sleep(0.002)`);
            await tx.execute(sql`select pg_notify('kakera_test', 'x')`);
          })
          .catch(() => {});
      }
    };
    const workers = [transactions(), transactions(), transactions(), transactions()];
    // Kill every connection of the pool again and again while transactions start and run.
    for (let round = 0; round < 25; round++) {
      await new Promise((r) => setTimeout(r, 10 + ((round * 7) % 30)));
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'kakera-victim'`);
    }
    stop = true;
    await within(5000, Promise.all(workers));

    const answer = await within(
      5000,
      database.db.transaction(async (tx) => tx.execute(sql`select 42 as n`)),
    );
    expect(Number((answer as unknown as { rows: { n: number }[] }).rows[0]!.n)).toBe(42);
    await within(5000, database.close());
  }, 30_000);
});
