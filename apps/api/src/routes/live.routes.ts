import { LivePosition } from '@kakera/contracts';
import type { App, RouteOptions } from './types.ts';

/**
 * Where the live stream is now: a page reads it before its data and
 * subscribes with it (`since`), so an event between the two is sent on
 * subscribing instead of being missed (ws/hub.ts). Guests' answers come
 * from the read cache, which every event empties.
 */
export async function liveRoutes(app: App, { deps }: RouteOptions) {
  app.get('/live', { schema: { tags: ['live'], response: { 200: LivePosition } }, config: { readCache: {} } }, async () => ({
    since: deps.events.latestId(),
  }));
}
