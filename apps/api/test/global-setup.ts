import pg from 'pg';
import { createDatabase, migrate } from '@kakera/db';

export const TEMPLATE_DB = 'kakera_test_template';

/**
 * With TEST_DATABASE_URL (a PostgreSQL server), migrate one template
 * database once; each test file then gets a fresh copy of it.
 */
export async function setup() {
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
