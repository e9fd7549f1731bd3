import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { CLOCK_ANNOUNCEMENTS, type Actor, type Clock, type EventPublisher } from '@kakera/core';
import type { LimitName } from './rate-limit.ts';

/**
 * What guests read, kept as the finished JSON.
 *
 * A guest's answer depends on the URL alone (no `can` flag, no hidden thread,
 * no vote of their own), and guests are most of a forum's readers: the board
 * list, a thread, the latest threads and search are served to them from
 * memory once made, instead of a few statements and the serializer per
 * request. Signed-in readers get a fresh answer, except from a route whose
 * answer core says depends on its reader only through an audience
 * (`config.readCache.audience`: a board's threads and the latest threads
 * read the same for everyone but staff), which readers of one audience share,
 * and from a route that makes each reader's answer from a kept part (below).
 *
 * Everything is dropped at once whenever anything may have changed, the way
 * the staff queue's read model is (packages/core/src/sla/queue-snapshot.ts):
 * - when this process records any event (inside the writing transaction),
 * - when any instance's event is delivered (after commit, via NOTIFY; this
 *   also drops what a reader stored between the record and the commit),
 *   except the response clock's warnings and breaches (core's
 *   CLOCK_ANNOUNCEMENTS), which change no answer: a thread is kept only
 *   until its clock's state moves anyway (below),
 * - when a request that is not a GET succeeds on this process (writes that
 *   carry no event: a profile, a board's settings), before its answer is
 *   sent, so the writer's next read is never stale,
 * - and after `maxAgeMs`, for writes with no event on another instance.
 * An answer that shows a response clock's state is also kept no longer than
 * that state lasts (`request.readCacheUntil`). An answer made while a drop
 * happened is not stored (generation check), so a slow read that began before
 * a write never lands after it.
 *
 * Bounded by bytes (`maxBytes`; least recently used first out), so memory
 * stays within the server's budget whatever readers ask for.
 *
 * One answer per key at a time (`fly`): while a request makes a missing
 * answer, others for the same key and generation wait for it instead of
 * making it too (50 guests on one thread page after every drop were 50
 * renders at once). They get what the maker landed when it could be kept —
 * also when a drop came after they asked: it is no older than an entry they
 * could have been served then — and otherwise (a cookie, not a 200, too big,
 * the maker gone) make their own. A request after a drop never joins one
 * begun before it. Nobody waits longer than `maxWaitMs`.
 *
 * Guests' pages are kept in this same cache, under the same drops and the
 * same budget (apps/api/src/web/page-cache.ts): the answers a page is made of
 * tell the page, through `KEEP_UNTIL_HEADER`, how long they may be kept.
 *
 * So are values that routes make each reader's own answer from (`share`,
 * `value`, `keep`): a thread page as an audience reads it, and what one
 * reader did on it (apps/api/src/routes/thread-page-answer.ts). They follow
 * the same rules (drops, generations, `until`, one maker at a time, the
 * budget, as their makers count their bytes), and are counted apart in
 * `stats().parts`.
 */

/**
 * On a guest's answer to this process's own web app (web-hop.ts): until when
 * (epoch ms) the cache keeps it, so a page made of it is kept no longer. Read
 * and removed by the web mount; nobody outside the process sees it.
 */
export const KEEP_UNTIL_HEADER = 'x-kakera-keep-until';

export interface ReadCacheRouteConfig {
  /** The rate limit the handler applies, applied to a cached answer too (search). */
  rateLimit?: LimitName;
  /**
   * Core's statement that the answer depends on who asks only through this
   * (e.g. `threadListAudience`): every reader, signed in or not, shares the
   * answer of their audience. Without it, only guests' answers are kept.
   */
  audience?: (actor: Actor) => string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Guests' answers of this GET route may be served from the read cache. */
    readCache?: ReadCacheRouteConfig;
    /** A POST that changes nothing (a Markdown preview): it does not drop the read cache. */
    keepsReadCache?: boolean;
  }
  interface FastifyRequest {
    /** Set by a handler whose answer is only true until then (epoch ms): the cache keeps it no longer. */
    readCacheUntil: number | null;
  }
  interface FastifyInstance {
    readCache: ReadCache;
  }
}

export interface Answer {
  /** The answer's bytes: sent as they are, with no string to encode per request. */
  body: Buffer;
  etag: string | undefined;
  /** The headers it is sent with, when not the JSON answer's own (a page's). */
  headers?: Record<string, string | string[]>;
  /**
   * Kept instead of an answer (`share`, `keep`): what a route makes each
   * reader's own answer from, and its size in memory as its maker counts it.
   */
  value?: unknown;
  valueBytes?: number;
}

/** A value made for the cache (`share`, `keep`): its size in memory, and until when (epoch ms) it holds, if not `maxAgeMs`. */
export interface Made<T> {
  value: T;
  bytes: number;
  until?: number | null;
  /**
   * What it holds changes only with an event (a like, a vote), which drops
   * it on every instance: kept until a drop or `until`, for at most
   * EVENTS_ONLY_AGES × `maxAgeMs` (a write with no event — an import — then
   * shows that much later), instead of `maxAgeMs`.
   */
  eventsOnly?: boolean;
}

/** How many times `maxAgeMs` a value that changes only with events is kept (`Made.eventsOnly`). */
export const EVENTS_ONLY_AGES = 12;

interface Entry extends Answer {
  expiresAt: number;
}

export interface ReadCacheStats {
  hits: number;
  misses: number;
  /** Misses served the answer another request was making for them (`fly`). */
  shared: number;
  /** Requests waiting for another's answer now. */
  waiting: number;
  entries: number;
  bytes: number;
  drops: number;
  /** The same three for values kept for answers to be made from (`share`, `value`), counted apart from answers. */
  parts: { hits: number; misses: number; shared: number };
}

export interface ReadCache {
  get(key: string): Entry | undefined;
  /**
   * Stores an answer made in generation `gen` (refused if the cache was
   * dropped since), kept for the cache's `maxAgeMs` or until `until` (epoch
   * ms), whichever comes first. Returns the entry if stored.
   */
  set(key: string, gen: number, answer: Answer, until?: number | null): Entry | undefined;
  /** Until when an answer made now would be kept: the cache's `maxAgeMs`, or `until` if sooner. */
  expiry(until?: number | null): number;
  /**
   * After a miss on `key`: either lead — make the answer, then `land` it —
   * or wait for the request already making it in this generation: its answer,
   * or undefined (it could not be shared, or `maxWaitMs` passed): then make
   * your own, without leading.
   */
  fly(key: string): { lead: Flight } | { wait: Promise<Entry | undefined> };
  /**
   * The value kept under `key`; else made by `make` — once for everyone
   * asking in this generation at the same time (as `fly`) — and kept when it
   * may be (as `set`: not after a drop since it began, nor past `until`, and
   * within the budget). For parts that each reader's answer is made from.
   */
  share<T>(key: string, make: () => Promise<Made<T>>): Promise<T>;
  /** The value kept under `key` (by `share` or `keep`), if any. */
  value<T>(key: string): T | undefined;
  /** Keeps a value made in generation `gen` (refused if the cache was dropped since), as `set`. */
  keep(key: string, gen: number, made: Made<unknown>): boolean;
  generation(): number;
  /** The memory bound in bytes; 0 when the cache is off. */
  readonly maxBytes: number;
  drop(): void;
  stats(): ReadCacheStats;
  stop(): void;
}

/** A request making a missing answer that others may be waiting for. */
export interface Flight {
  /** The generation the answer is made in. */
  readonly gen: number;
  /**
   * Stores the answer (as `set`) and hands it to the waiters if it could be
   * kept but for a drop since `gen`; with no answer (not one to keep, an
   * error, a closed connection) they make their own. Only the first call counts.
   */
  land(answer?: Answer, until?: number | null): Entry | undefined;
}

interface InFlight {
  gen: number;
  waiters: ((entry: Entry | undefined) => void)[];
  timer?: ReturnType<typeof setTimeout>;
}

export function createReadCache(
  deps: { clock: Clock; events: EventPublisher },
  opts: { maxBytes: number; maxAgeMs: number; maxWaitMs?: number },
): ReadCache {
  // A Map iterates in insertion order: re-inserting on a hit makes its first key the least recently used.
  const entries = new Map<string, Entry>();
  let bytes = 0;
  let gen = 0;
  const counts = { hits: 0, misses: 0, shared: 0, waiting: 0, drops: 0 };
  const parts = { hits: 0, misses: 0, shared: 0 };
  const flights = new Map<string, InFlight>();
  const maxWaitMs = opts.maxWaitMs ?? 3_000;

  const drop = () => {
    gen++;
    counts.drops++;
    entries.clear();
    bytes = 0;
    // Whoever asks from now on makes a new answer; those waiting still get theirs when it lands.
    flights.clear();
  };
  const release = (key: string, f: InFlight, entry: Entry | undefined) => {
    if (flights.get(key) === f) flights.delete(key);
    clearTimeout(f.timer);
    const waiters = f.waiters;
    f.waiters = [];
    counts.waiting -= waiters.length;
    if (entry) (entry.value === undefined ? counts : parts).shared += waiters.length;
    for (const w of waiters) w(entry);
  };
  const remove = (key: string, e: Entry) => {
    entries.delete(key);
    bytes -= sizeOf(key, e);
  };
  // Any event drops everything, except the response clock's announcements, which change no answer.
  const stopDelivered = deps.events.subscribe((e) => {
    if (!CLOCK_ANNOUNCEMENTS.has(e.type)) drop();
  });
  const stopRecorded = deps.events.onRecord((_topic, _data, types) => {
    if (types.some((t) => !CLOCK_ANNOUNCEMENTS.has(t))) drop();
  });

  const expiry = (until?: number | null, ages = 1) => Math.min(deps.clock.now().getTime() + ages * opts.maxAgeMs, until ?? Infinity);
  /** The entry the answer would be, if it may be kept at all (generation aside). */
  const keepable = (key: string, answer: Answer, until?: number | null, ages = 1): Entry | undefined => {
    const entry: Entry = { ...answer, expiresAt: expiry(until, ages) };
    if (opts.maxBytes <= 0 || entry.expiresAt <= deps.clock.now().getTime()) return undefined;
    if (sizeOf(key, entry) > opts.maxBytes / 8) return undefined; // one huge answer must not empty the cache
    return entry;
  };
  const store = (key: string, at: number, entry: Entry): Entry | undefined => {
    if (at !== gen) return undefined;
    const old = entries.get(key);
    if (old) remove(key, old);
    entries.set(key, entry);
    bytes += sizeOf(key, entry);
    for (const [k, e] of entries) {
      if (bytes <= opts.maxBytes) break;
      remove(k, e);
    }
    return entries.get(key);
  };
  const set = (key: string, at: number, answer: Answer, until?: number | null, ages = 1) => {
    const entry = keepable(key, answer, until, ages);
    return entry && store(key, at, entry);
  };

  const lookup = (key: string, tally: { hits: number; misses: number }): Entry | undefined => {
    const e = entries.get(key);
    if (!e) {
      tally.misses++;
      return undefined;
    }
    if (deps.clock.now().getTime() >= e.expiresAt) {
      remove(key, e);
      tally.misses++;
      return undefined;
    }
    entries.delete(key);
    entries.set(key, e);
    tally.hits++;
    return e;
  };
  const fly = (key: string): { lead: Flight } | { wait: Promise<Entry | undefined> } => {
    const f = flights.get(key);
    if (f && f.gen === gen) {
      counts.waiting++;
      return {
        wait: new Promise<Entry | undefined>((resolve) => {
          f.waiters.push(resolve);
          // One timer a flight, cleared when it lands: a hung maker holds nobody past the bound.
          if (!f.timer) {
            f.timer = setTimeout(() => release(key, f, undefined), maxWaitMs);
            f.timer.unref?.();
          }
        }),
      };
    }
    const flight: InFlight = { gen, waiters: [] };
    if (opts.maxBytes > 0) flights.set(key, flight);
    let landed = false;
    return {
      lead: {
        gen: flight.gen,
        land(answer, until) {
          if (landed) return undefined;
          landed = true;
          const entry = answer && keepable(key, answer, until);
          const stored = entry && store(key, flight.gen, entry);
          release(key, flight, entry);
          return stored;
        },
      },
    };
  };
  const held = <T>(made: Made<T>): Answer => ({ body: NO_BODY, etag: undefined, value: made.value, valueBytes: made.bytes });

  return {
    get: (key) => lookup(key, counts),
    set,
    expiry,
    fly,
    async share<T>(key: string, make: () => Promise<Made<T>>): Promise<T> {
      const hit = lookup(key, parts);
      if (hit?.value !== undefined) return hit.value as T;
      const flight = fly(key);
      if ('wait' in flight) {
        const shared = await flight.wait;
        if (shared?.value !== undefined) return shared.value as T;
        // Nothing to share (the maker failed, or could not keep it): make our own, without leading.
        const at = gen;
        const made = await make();
        set(key, at, held(made), made.until);
        return made.value;
      }
      let made: Made<T>;
      try {
        made = await make();
      } catch (err) {
        flight.lead.land();
        throw err;
      }
      flight.lead.land(held(made), made.until);
      return made.value;
    },
    value<T>(key: string): T | undefined {
      return lookup(key, parts)?.value as T | undefined;
    },
    keep(key, at, made) {
      return set(key, at, held(made), made.until, made.eventsOnly ? EVENTS_ONLY_AGES : 1) !== undefined;
    },
    generation: () => gen,
    maxBytes: Math.max(0, opts.maxBytes),
    drop,
    stats: () => ({ ...counts, entries: entries.size, bytes, parts: { ...parts } }),
    stop() {
      stopDelivered();
      stopRecorded();
      drop();
    },
  };
}

const NO_BODY = Buffer.alloc(0);

const sizeOf = (key: string, e: Entry) =>
  e.body.length + (e.valueBytes ?? 0) + 2 * (key.length + (e.etag?.length ?? 0) + (e.headers ? JSON.stringify(e.headers).length : 0)) + 64;

const TICKET = Symbol('readCacheTicket');
/** A guest's miss: the key, and the flight it leads (or, after waiting in vain, the generation it makes its own answer in). */
type Ticketed = FastifyRequest & { [TICKET]?: { key: string; flight: Flight | { gen: number; land?: undefined } } };

/**
 * Registered in the API's scope after the auth plugin (it needs
 * `request.actor`) and after the ETag plugin (it stores the tag that plugin
 * made, and that plugin answers `If-None-Match` on a cached answer too).
 */
export const readCachePlugin = fp(async (app: FastifyInstance, { cache }: { cache: ReadCache }) => {
  app.decorateRequest('readCacheUntil', null);

  app.addHook('preHandler', async (request: Ticketed, reply: FastifyReply) => {
    const config = request.routeOptions.config.readCache;
    if (!config || request.method !== 'GET' || !request.actor) return;
    let key: string;
    if (config.audience) key = `${config.audience(request.actor)}\n${request.url}`;
    else if (request.actor.kind === 'guest') key = request.url;
    else return;
    let hit = cache.get(key);
    if (!hit) {
      const flight = cache.fly(key);
      if ('lead' in flight) {
        request[TICKET] = { key, flight: flight.lead };
        // Those waiting go on when this answer cannot be landed (an error, a closed connection).
        reply.raw.once('close', () => flight.lead.land());
        return;
      }
      hit = await flight.wait;
      if (!hit) {
        request[TICKET] = { key, flight: { gen: cache.generation() } };
        return;
      }
    }
    if (config.rateLimit) await app.rateLimit(config.rateLimit, request.ip);
    if (request.fromWebApp) reply.header(KEEP_UNTIL_HEADER, String(hit.expiresAt));
    reply.header('content-type', 'application/json; charset=utf-8');
    if (hit.etag) reply.header('etag', hit.etag);
    return reply.send(hit.body);
  });

  app.addHook('onSend', async (request: Ticketed, reply, payload) => {
    const ok = reply.statusCode >= 200 && reply.statusCode < 300;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      // A write on this process: dropped before its answer leaves, after its transaction committed.
      if (ok && !request.routeOptions.config.keepsReadCache) cache.drop();
      return payload;
    }
    const ticket = request[TICKET];
    if (!ticket) return payload;
    if (reply.statusCode === 200 && typeof payload === 'string') {
      const etag = reply.getHeader('etag');
      const answer = { body: Buffer.from(payload), etag: typeof etag === 'string' ? etag : undefined };
      const { key, flight } = ticket;
      if (flight.land) flight.land(answer, request.readCacheUntil);
      else cache.set(key, flight.gen, answer, request.readCacheUntil);
      if (request.fromWebApp) reply.header(KEEP_UNTIL_HEADER, String(cache.expiry(request.readCacheUntil)));
    } else ticket.flight.land?.();
    return payload;
  });
});
