import type { EventPublisher } from '../events/event-publisher.ts';
import type { UserActor } from '../shared/actor.ts';

/**
 * Who a session belongs to, remembered for a few seconds so that a signed-in
 * user's requests do not each wait for the database before doing their work.
 *
 * Anything that changes what a session may do records a `user.changed` event
 * in its own transaction (role, team, suspension, name, sign-out), and that
 * drops the user's entries here: at once in the process that wrote it
 * (before commit, so the writer's next request is never served the old
 * actor), and in every instance when the event arrives by NOTIFY (which also
 * covers an entry refilled before that commit). `ttlMs` bounds what a lost
 * notification could cost: after it, the database is asked again.
 */
export interface SessionCache {
  get(sessionId: string, now: Date): CachedSession | undefined;
  set(sessionId: string, session: CachedSession, now: Date): void;
  stop(): void;
}

export interface CachedSession {
  actor: UserActor;
  expiresAt: Date;
  lastSeenAt: Date;
}

export const USERS_TOPIC = 'users';

export function createSessionCache(events: EventPublisher, opts: { ttlMs?: number; max?: number } = {}): SessionCache {
  const ttlMs = opts.ttlMs ?? 5000;
  const max = opts.max ?? 20_000;
  const entries = new Map<string, CachedSession & { cachedAt: number }>();

  const dropUser = (userId: number) => {
    for (const [id, e] of entries) if (e.actor.id === userId) entries.delete(id);
  };
  const userIdOf = (data: unknown) => (data as { userId?: unknown } | null)?.userId;
  const stopDelivered = events.subscribe((e) => {
    if (e.type === 'user.changed' && typeof userIdOf(e.data) === 'number') dropUser(userIdOf(e.data) as number);
  });
  // (recordFrom batches, topic null, are the sweeper's obligation events: they never concern a session.)
  const stopRecorded = events.onRecord((topic, data) => {
    if (topic === USERS_TOPIC && typeof userIdOf(data) === 'number') dropUser(userIdOf(data) as number);
  });

  return {
    get(sessionId, now) {
      const e = entries.get(sessionId);
      if (!e) return undefined;
      const age = now.getTime() - e.cachedAt;
      if (age > ttlMs || age < 0 || e.expiresAt.getTime() <= now.getTime()) {
        entries.delete(sessionId);
        return undefined;
      }
      return e;
    },
    set(sessionId, session, now) {
      entries.delete(sessionId);
      // Map keeps insertion order: the first key is the oldest entry.
      if (entries.size >= max) entries.delete(entries.keys().next().value!);
      entries.set(sessionId, { ...session, cachedAt: now.getTime() });
    },
    stop() {
      stopDelivered();
      stopRecorded();
      entries.clear();
    },
  };
}
