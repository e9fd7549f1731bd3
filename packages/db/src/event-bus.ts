import { sql, type SQL } from 'drizzle-orm';
import { events } from './schema.ts';
import type { Database, DbOrTx } from './client.ts';
import { listenPostgres } from './listen.ts';
import { rowsOf } from './rows.ts';

/**
 * The event bus over the `events` table and PostgreSQL NOTIFY: how events are
 * stored, delivered and replayed. Which events exist and who may see them is
 * the domain's (packages/core/src/events); this file only moves them.
 */

export interface PublishedEvent {
  id: number;
  type: string;
  topic: string;
  /** Set for events only one user may see (their notifications). */
  userId: number | null;
  /** Only staff may see it (anything about a hidden thread, internal notes). */
  staffOnly: boolean;
  data: unknown;
  createdAt: string;
}

export type EventListener = (event: PublishedEvent) => void;

export interface EventBus {
  /**
   * Records an event inside the caller's transaction. It is delivered to
   * listeners only when that transaction commits, and never if it rolls back.
   * `userId`: only that user may receive it; `staffOnly`: only staff may
   * (the hub enforces both, live and on replay). With several topics, one
   * event per topic (the same data), all in one statement.
   */
  record(
    tx: DbOrTx,
    type: string,
    topic: string | readonly string[],
    data: unknown,
    opts?: { userId?: number | null; staffOnly?: boolean },
  ): Promise<void>;
  /**
   * Records one event per row that `source` yields — columns `type`, `topic`
   * and `data` (jsonb) — in a single statement, delivered like `record`
   * (with one NOTIFY per 500 events, naming their ids). `source` may be an `UPDATE … RETURNING`, so that claiming rows and
   * recording their events is one round trip (the SLA sweeper). Answers the
   * number of rows `source` yielded. `perUser` takes each
   * row's `user_id` column as its audience (only that user may receive it),
   * as `record`'s `userId` does (a notification to each of 1,000 people).
   */
  recordFrom(tx: DbOrTx, source: SQL, opts?: { perUser?: boolean }): Promise<number>;
  subscribe(listener: EventListener): () => void;
  /**
   * Called at once whenever this process records an event, before its
   * transaction commits (`topic` and `data` are null for a `recordFrom`
   * batch; `types` names the event types recorded, a batch's all of them):
   * for in-process read models that must not serve a writer its own stale
   * data. Delivery after commit still comes through `subscribe`.
   */
  onRecord(listener: (topic: string | null, data: unknown, types: readonly string[]) => void): () => void;
  /**
   * Events of the given topics after `id`, oldest first, at most `limit`, for
   * clients that reconnect. One index range per topic (topic, id), so a
   * client far behind costs no more than one close behind. `complete` is
   * false when events after `since` have already been pruned.
   */
  replay(topics: string[], since: number, limit: number): Promise<{ events: PublishedEvent[]; complete: boolean }>;
  /** The highest event id this process has delivered (0 before the first). */
  latestId(): number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const CHANNEL = 'kakera_events';

/** An events row as raw SQL returns it (snake_case, jsonb maybe a string), as the bus publishes it. */
const rowToEvent = (r: Record<string, unknown>): PublishedEvent => ({
  id: Number(r.id),
  type: String(r.type),
  topic: String(r.topic),
  userId: r.user_id === null ? null : Number(r.user_id),
  staffOnly: Boolean(r.staff_only),
  data: typeof r.data === 'string' ? JSON.parse(r.data) : r.data,
  createdAt: new Date(r.created_at as string | Date).toISOString(),
});
const RECENT_IDS = 20_000;
const REPLAY_WINDOW = 1_000;
// Ids per batch notification: 500 ids of up to 15 digits stay under the 8,000-byte NOTIFY limit.
const BATCH_IDS = 500;
// NOTIFY payloads are limited to 8000 bytes; larger events travel by id.
const MAX_INLINE_BYTES = 7800;

/**
 * Events go through PostgreSQL NOTIFY on both drivers: with a real server,
 * every instance LISTENs and so sees every event; with PGlite the same
 * mechanism runs in-process. NOTIFY is transactional, which gives
 * "delivered after commit, never on rollback" for free.
 */
export function createEventBus(database: Database, clock: { now(): Date }, listenUrl?: string): EventBus {
  const listeners = new Set<EventListener>();
  const recordListeners = new Set<(topic: string | null, data: unknown, types: readonly string[]) => void>();
  const recorded = (topic: string | null, data: unknown, types: readonly string[]) => {
    for (const listener of recordListeners) listener(topic, data, types);
  };
  let stopListening: (() => Promise<void>) | null = null;

  const toEvent = (row: typeof events.$inferSelect): PublishedEvent => ({
    id: row.id,
    type: row.type,
    topic: row.topic,
    userId: row.userId,
    staffOnly: row.staffOnly,
    data: row.data,
    createdAt: row.createdAt.toISOString(),
  });

  // The ids delivered lately, so that an event replayed after a dropped LISTEN
  // connection (see `catchUp`) is not delivered twice.
  const recent = new Set<number>();
  const recentOrder: number[] = [];
  let highestDelivered = 0;
  const firstDelivery = (id: number) => {
    if (recent.has(id)) return false;
    recent.add(id);
    recentOrder.push(id);
    if (recentOrder.length > RECENT_IDS) recent.delete(recentOrder.shift()!);
    highestDelivered = Math.max(highestDelivered, id);
    return true;
  };

  /**
   * A notification carries one event, or refers to events by id when they do
   * not fit in a NOTIFY (`ref`, one large event) or come as a batch (`ids`,
   * from `recordFrom`): those are read back from the events table.
   */
  async function deliver(payload: string) {
    try {
      const parsed = JSON.parse(payload) as PublishedEvent | { id: number; ref: true } | { ids: number[] };
      if ('ids' in parsed || 'ref' in parsed) {
        const ids = 'ids' in parsed ? parsed.ids.filter(Number.isSafeInteger) : [parsed.id];
        if (!ids.length) return;
        const rows = await database.db
          .select()
          .from(events)
          .where(sql`${events.id} = any(${`{${ids.join(',')}}`}::bigint[])`)
          .orderBy(events.id);
        for (const row of rows) publish(toEvent(row));
      } else {
        publish(parsed);
      }
    } catch {
      // a malformed payload, or the database away: catchUp covers what a lost connection missed
    }
  }

  /**
   * After the LISTEN connection was lost (the database restarted, a network
   * blip), the notifications sent meanwhile are gone: deliver from the events
   * table what this instance has not delivered. Ids are handed out at insert
   * and transactions commit in any order, so it looks back REPLAY_WINDOW ids
   * below the highest one delivered and skips those already delivered.
   */
  async function catchUp() {
    if (highestDelivered === 0) return;
    try {
      const rows = await database.db
        .select()
        .from(events)
        .where(sql`${events.id} > ${Math.max(0, highestDelivered - REPLAY_WINDOW)}`)
        .orderBy(events.id)
        .limit(10_000);
      for (const row of rows) publish(toEvent(row));
    } catch {
      // the database is still away: the next reconnect tries again
    }
  }

  function publish(event: PublishedEvent) {
    if (!firstDelivery(event.id)) return;
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // one failing listener must not starve the others
      }
    }
  }

  return {
    async record(tx, type, topic, data, opts) {
      const createdAt = clock.now();
      const userId = opts?.userId ?? null;
      const staffOnly = opts?.staffOnly ?? false;
      const topics = typeof topic === 'string' ? [topic] : [...topic];
      if (!topics.length) return;
      // The rows and their NOTIFYs in one statement (one round trip while the
      // caller's transaction holds its locks): each payload is the event as
      // JSON with the id the insert hands out and its topic put first, or a
      // reference by id when it would not fit.
      const rest = JSON.stringify({ type, userId, staffOnly, data, createdAt: createdAt.toISOString() });
      const longest = Math.max(...topics.map((t) => Buffer.byteLength(JSON.stringify(t))));
      const inline = Buffer.byteLength(rest) + longest + 36 <= MAX_INLINE_BYTES;
      await tx.execute(sql`
        with ins as (
          insert into ${events} (type, topic, user_id, staff_only, data, created_at)
          select ${type}, t.topic, ${userId}::integer, ${staffOnly}, ${JSON.stringify(data)}::jsonb, ${createdAt}::timestamptz
          from unnest(${`{${topics.map(quoteArrayItem).join(',')}}`}::text[]) with ordinality as t(topic, n)
          order by t.n
          returning id, topic
        )
        select pg_notify(${CHANNEL}, ${
          inline
            ? sql`'{"id":' || id || ',"topic":' || to_json(topic)::text || ${`,${rest.slice(1)}`}`
            : sql`'{"id":' || id || ',"ref":true}'`
        }) from ins order by id`);
      for (const t of topics) recorded(t, data, [type]);
    },
    async recordFrom(tx, source, opts) {
      const createdAt = clock.now();
      const userId = opts?.perUser ? sql`user_id::integer` : sql`null::integer`;
      // One NOTIFY per BATCH_IDS events, naming their ids, instead of one per
      // event: queueing 1,000 notifications was a third of a sweep that
      // claims 1,000 rows. Listeners read the events back by id.
      const result = await tx.execute(sql`
        with src as (${source}),
        ins as (
          insert into ${events} (type, topic, user_id, staff_only, data, created_at)
          select type, topic, ${userId}, topic = 'staff-queue', data, ${createdAt}::timestamptz from src
          returning id
        ), notified as (
          select pg_notify(${CHANNEL}, json_build_object('ids', json_agg(id order by id))::text)
          from (select id, (row_number() over (order by id) - 1) / ${BATCH_IDS}::int as chunk from ins) numbered
          group by chunk
        )
        select (select count(*) from src)::int as recorded, (select count(*) from notified)::int as notifications,
          (select coalesce(array_agg(distinct type), '{}') from src)::text[] as types`);
      const rows = rowsOf<{ recorded: number; types: string[] }>(result);
      recorded(null, null, rows[0]?.types ?? []);
      return Number(rows[0]?.recorded ?? 0);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onRecord(listener) {
      recordListeners.add(listener);
      return () => recordListeners.delete(listener);
    },
    async replay(topics, since, limit) {
      if (!topics.length) return { events: [], complete: true };
      // Pruned events leave ids below the oldest kept one; a client that saw
      // none of those cannot be caught up by replay.
      const [oldest] = await database.db.select({ id: sql<number | null>`min(${events.id})` }).from(events);
      const complete = oldest?.id === null || oldest?.id === undefined || Number(oldest.id) <= since + 1;
      // A lateral index range per topic, then the first `limit` overall.
      const result = await database.db.execute(sql`
        select e.* from unnest(${`{${topics.map(quoteArrayItem).join(',')}}`}::text[]) as t(topic)
        cross join lateral (
          select * from ${events} where ${events.topic} = t.topic and ${events.id} > ${since} order by ${events.id} limit ${limit}
        ) e
        order by e.id
        limit ${limit}`);
      return { events: rowsOf<Record<string, unknown>>(result).map(rowToEvent), complete };
    },
    latestId: () => highestDelivered,
    async start() {
      if (database.pglite) {
        const unlisten = await database.pglite.listen(CHANNEL, (payload) => void deliver(payload));
        stopListening = unlisten;
      } else if (listenUrl) {
        stopListening = await listenPostgres(listenUrl, CHANNEL, {
          onNotification: (payload) => void deliver(payload),
          onReconnected: catchUp,
        });
      }
    },
    async stop() {
      await stopListening?.();
      stopListening = null;
    },
  };
}

/** An element of a PostgreSQL array literal, quoted (topics are from a fixed grammar, but never trust that here). */
function quoteArrayItem(s: string): string {
  return `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
