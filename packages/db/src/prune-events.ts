import { lt } from 'drizzle-orm';
import { events } from './schema.ts';
import type { DbOrTx } from './client.ts';

/** Events are kept for reconnecting clients to resume; after this long a client reloads instead. */
export const EVENT_RETENTION_MS = 3 * 24 * 3600 * 1000;

export async function pruneEvents(db: DbOrTx, now: Date): Promise<void> {
  await db.delete(events).where(lt(events.createdAt, new Date(now.getTime() - EVENT_RETENTION_MS)));
}
