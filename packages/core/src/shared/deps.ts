import type { Db } from '@kakera/db';
import type { Clock } from './clock.ts';
import type { EventPublisher } from '../events/event-publisher.ts';
import type { SessionCache } from '../auth/session-cache.ts';
import type { PointsConfig } from '../ranks/points.ts';

export interface CoreConfig {
  adminEmails: string[];
  /** Session lifetime; renewed as the user comes back. */
  sessionTtlMs: number;
  sessionSecret: string;
  /** Points per award (ranks/points.ts); DEFAULT_POINTS unless configured. */
  points: PointsConfig;
  /** Attachments: where files are stored (UPLOAD_DIR) and the limits; without it, uploads fail. */
  attachments?: { dir: string; maxBytes: number; maxPerPost: number };
}

/** What every use case gets: the database, the clock, the event publisher, configuration. */
export interface Deps {
  db: Db;
  clock: Clock;
  events: EventPublisher;
  config: CoreConfig;
  /** Remembers sessions between requests (apps/api sets one); without it every lookup asks the database. */
  sessionCache?: SessionCache;
}
