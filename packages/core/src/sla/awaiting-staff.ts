import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { obligations } from '@kakera/db';

/** A thread is awaiting staff while it has an open obligation: for thread lists and the `unanswered` filter. */
export function awaitingStaffSql(threadId: SQL | AnyPgColumn): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${obligations} aw_o where aw_o.thread_id = ${threadId} and aw_o.status = 'open')`;
}
