import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { obligations } from '@kakera/db';

/** A thread is awaiting staff while it has an open obligation: for thread lists and the `unanswered` filter. */
export function awaitingStaffSql(threadId: SQL | AnyPgColumn): SQL<boolean> {
  // A scalar lookup with LIMIT 1 on the partial unique index of open obligations: one probe per
  // listed thread. (As EXISTS in a select list the planner may hash every open obligation instead.)
  return sql<boolean>`((select 1 from ${obligations} aw_o where aw_o.thread_id = ${threadId} and aw_o.status = 'open' limit 1) is not null)`;
}

/** The same as a filter (`unanswered`): a semi-join the planner may run either way. */
export function awaitingStaffFilterSql(threadId: SQL | AnyPgColumn): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${obligations} aw_f where aw_f.thread_id = ${threadId} and aw_f.status = 'open')`;
}
