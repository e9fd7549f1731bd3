import { sql } from 'drizzle-orm';
import { events } from './schema.ts';
import type { DbOrTx } from './client.ts';

/** Events are kept for reconnecting clients to resume; after this long a client reloads instead. */
export const EVENT_RETENTION_MS = 3 * 24 * 3600 * 1000;

/**
 * Deletes the events older than the retention. Ids grow with time, so it
 * deletes below the first id recorded since the cutoff: that id is found by
 * walking the primary key from the oldest event, through the very rows being
 * deleted, which spares every event written an index on `created_at`.
 */
export async function pruneEvents(db: DbOrTx, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - EVENT_RETENTION_MS);
  await db.execute(sql`
    delete from ${events}
    where ${events.id} < coalesce(
      (select id from ${events} where ${events.createdAt} >= ${cutoff} order by id limit 1),
      (select max(id) + 1 from ${events}))`);
}
