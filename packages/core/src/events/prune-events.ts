import { lt } from 'drizzle-orm';
import { events } from '@kakera/db';
import type { Deps } from '../shared/deps.ts';

/** Events are kept for reconnecting clients to resume; after this long a client reloads instead. */
export const EVENT_RETENTION_MS = 3 * 24 * 3600 * 1000;

export async function pruneEvents(deps: Deps): Promise<void> {
  await deps.db.delete(events).where(lt(events.createdAt, new Date(deps.clock.now().getTime() - EVENT_RETENTION_MS)));
}
