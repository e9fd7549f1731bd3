import type { FastifyInstance } from 'fastify';
import type { WebSocket } from '@fastify/websocket';
import { ClientMessage, type WsErrorCode } from '@kakera/contracts';
import {
  AppError,
  authorizeTopic,
  filterReplay,
  keepsHiddenThread,
  mayReceive,
  topicKey,
  wordEventFor,
  wordingKey,
  type Actor,
  type Deps,
  type PublishedEvent,
} from '@kakera/core';
import { isDatabaseUnavailable } from '../plugins/error-handler.ts';
import { createSemaphore } from './semaphore.ts';
import { createTokenBucket, type TokenBucket } from './token-bucket.ts';

/** What one socket and one address may do; docs/operations.md says how to tune them. */
export interface HubLimits {
  /** Messages a socket may send per second, sustained; it may burst to twice that. */
  messagesPerSecond: number;
  /** Messages refused for the rate before the socket is closed with 1008 (policy violation). */
  strikes: number;
  /** Topics one socket may follow at once. */
  maxSubscriptions: number;
  /** Open sockets per client address; more are closed with 1008 at once. */
  maxSocketsPerAddress: number;
  /** Database work (subscribe checks, replays) the hub runs at once, over all sockets: the rest waits its turn, so sockets can never take the pool from HTTP requests. */
  dbConcurrency: number;
  /** Events one `resume` replays at most; a client further behind is told to reload. */
  resumeLimit: number;
}

export const DEFAULT_HUB_LIMITS: HubLimits = {
  messagesPerSecond: 10,
  strikes: 20,
  maxSubscriptions: 100,
  maxSocketsPerAddress: 50,
  dbConcurrency: 4,
  resumeLimit: 500,
};

// A socket's messages are handled one at a time; this many may wait.
const MAX_QUEUED = 16;

interface Client {
  socket: WebSocket;
  actor: Actor;
  address: string;
  /** Topic keys (`notifications` is kept as `user:<id>`), with the name the client used. */
  topics: Map<string, string>;
  alive: boolean;
  bucket: TokenBucket;
  strikes: number;
  queued: number;
  chain: Promise<void>;
}

export interface Hub {
  clientCount(): number;
  /** Topics with at least one subscriber (an unsubscribed topic leaves no trace). */
  topicCount(): number;
  /** Tells every client to reconnect elsewhere (or later) and closes them. */
  closeAll(afterMs: number): void;
}

class WsError extends Error {
  constructor(
    readonly code: WsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The WebSocket hub: clients subscribe to topics; every event the bus
 * delivers (from this instance or, through LISTEN/NOTIFY, any other) goes to
 * the subscribers of its topic who may receive it now. Each event is
 * serialised once per topic.
 *
 * No message can take the server down or stall it: each is handled inside a
 * try/catch that answers an error frame, one at a time per socket, under a
 * per-socket rate, and database work from all sockets together is capped
 * (`dbConcurrency`), so a flood from one socket waits its own turn.
 */
export function registerHub(app: FastifyInstance, deps: Deps, limits: HubLimits = DEFAULT_HUB_LIMITS): Hub {
  const byTopic = new Map<string, Set<Client>>();
  const clients = new Set<Client>();
  const perAddress = new Map<string, number>();
  const dbSlots = createSemaphore(limits.dbConcurrency);

  /**
   * An event as one client receives it: under the topic name it subscribed
   * with (`notifications`, not the `user:<id>` its events are kept under).
   */
  const frameOf = (e: PublishedEvent, topic: string) => JSON.stringify({ type: e.type, id: e.id, topic, data: e.data });
  const send = (c: Client, msg: unknown) => {
    if (c.socket.readyState === 1) c.socket.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  };
  const sendError = (c: Client, code: WsErrorCode, message: string, topic?: string) =>
    send(c, { type: 'error', code, message, ...(topic !== undefined && { topic }) });

  const subscribe = (c: Client, key: string, name: string) => {
    c.topics.set(key, name);
    let set = byTopic.get(key);
    if (!set) byTopic.set(key, (set = new Set()));
    set.add(c);
  };
  const unsubscribe = (c: Client, key: string) => {
    c.topics.delete(key);
    const set = byTopic.get(key);
    if (!set) return;
    set.delete(c);
    if (!set.size) byTopic.delete(key);
  };

  const stopListening = deps.events.subscribe((event) => {
    if (event.type === 'user.changed') return resignIn((event.data as { userId: number }).userId);
    const subscribers = byTopic.get(event.topic);
    if (!subscribers?.size) return;
    // Serialised once per wording: most events read the same for everyone; a
    // new post's `can` differs between its author, staff, fans and guests.
    const frames = new Map<string, string>();
    for (const c of subscribers) {
      if (!mayReceive(c.actor, event)) continue;
      const name = c.topics.get(event.topic) ?? event.topic;
      const wording = wordingKey(c.actor, event);
      const key = `${wording ?? ''}\u0000${name}`;
      let frame = frames.get(key);
      if (frame === undefined) frames.set(key, (frame = frameOf(wording === null ? event : wordEventFor(c.actor, event), name)));
      send(c, frame);
    }
    if (event.type === 'thread.hidden' && event.topic.startsWith('thread:') && (event.data as { hidden: boolean }).hidden) {
      dropFromHiddenThread(event);
    }
  });

  /** Those who may no longer read a thread that staff hid stop following it. */
  function dropFromHiddenThread(event: PublishedEvent) {
    for (const c of [...(byTopic.get(event.topic) ?? [])]) {
      if (keepsHiddenThread(c.actor)) continue;
      unsubscribe(c, event.topic);
      send(c, { type: 'unsubscribed', topic: event.topic, reason: 'hidden' });
    }
  }

  /**
   * A socket keeps the actor it connected as, so when what a user may do
   * changes (demoted, suspended, signed out) their sockets are closed with a
   * reconnect hint: the browser comes back and is authorised afresh.
   */
  function resignIn(userId: number) {
    for (const c of clients) {
      if (c.actor.kind !== 'user' || c.actor.id !== userId) continue;
      send(c, { type: 'reconnect', afterMs: 0 });
      c.socket.close(4001, 'session changed');
    }
  }

  async function handle(c: Client, msg: ClientMessage): Promise<void> {
    if (msg.type === 'ping') return send(c, { type: 'pong' });
    if (msg.type === 'unsubscribe') {
      unsubscribe(c, topicKey(c.actor, msg.topic));
      return send(c, { type: 'unsubscribed', topic: msg.topic });
    }
    if (msg.type === 'subscribe') {
      const key = topicKey(c.actor, msg.topic);
      if (!c.topics.has(key) && c.topics.size >= limits.maxSubscriptions) {
        throw new WsError('too_many_subscriptions', `At most ${limits.maxSubscriptions} topics per connection`);
      }
      const decision = await dbSlots.run(() => authorizeTopic(deps, c.actor, msg.topic));
      if (!decision.ok) return sendError(c, 'forbidden', decision.message, msg.topic);
      if (c.socket.readyState !== 1) return;
      subscribe(c, decision.key, msg.topic);
      send(c, { type: 'subscribed', topic: msg.topic });
      if (msg.since !== undefined) await catchUp(c, decision.key, msg.topic, msg.since);
      return;
    }
    return resume(c, msg.since);
  }

  /**
   * A new subscription's catch-up: the topic's events after `since` (the
   * live position its page was read at), as the client may see them now.
   * Sent after the subscription is live, so an event may come twice (live,
   * then here): clients drop an id seen before. Too many to send: reload.
   */
  async function catchUp(c: Client, key: string, name: string, since: number) {
    const { events, complete } = await dbSlots.run(() => deps.events.replay([key], since, limits.resumeLimit + 1));
    if (!complete || events.length > limits.resumeLimit) return send(c, { type: 'resumed', since, count: 0, reload: true });
    const visible = await dbSlots.run(() => filterReplay(deps, c.actor, events));
    for (const e of visible) {
      if (c.topics.get(e.topic) !== name) continue; // unsubscribed meanwhile
      send(c, frameOf(wordEventFor(c.actor, e), name));
    }
  }

  /**
   * Replays what the client's topics missed since `since`, as the client may
   * see it now. Bounded: a client too far behind (or behind what was pruned)
   * is told to reload instead of being sent everything.
   */
  async function resume(c: Client, since: number) {
    const latest = deps.events.latestId();
    const tooFar = latest > 0 && latest - since > limits.resumeLimit * 20;
    if (!c.topics.size || tooFar) {
      return send(c, { type: 'resumed', since, count: 0, ...(tooFar && { reload: true }) });
    }
    const { events, complete } = await dbSlots.run(() => deps.events.replay([...c.topics.keys()], since, limits.resumeLimit + 1));
    if (!complete || events.length > limits.resumeLimit) return send(c, { type: 'resumed', since, count: 0, reload: true });
    const visible = await dbSlots.run(() => filterReplay(deps, c.actor, events));
    let count = 0;
    for (const e of visible) {
      // The client may have unsubscribed while this was read.
      const name = c.topics.get(e.topic);
      if (name === undefined) continue;
      send(c, frameOf(wordEventFor(c.actor, e), name));
      count++;
    }
    send(c, { type: 'resumed', since, count });
  }

  function onMessage(c: Client, raw: unknown) {
    if (!c.bucket.take() || c.queued >= MAX_QUEUED) {
      c.strikes++;
      if (c.strikes >= limits.strikes) return c.socket.close(1008, 'too many messages');
      return sendError(c, 'rate_limited', 'Too many messages; slow down');
    }
    let msg: ClientMessage;
    try {
      msg = ClientMessage.parse(JSON.parse(String(raw)));
    } catch {
      return sendError(c, 'invalid_input', 'Unknown message');
    }
    c.queued++;
    c.chain = c.chain
      .then(() => handle(c, msg))
      .catch((err: unknown) => {
        const topic = 'topic' in msg ? msg.topic : undefined;
        if (err instanceof WsError) return sendError(c, err.code, err.message, topic);
        if (isDatabaseUnavailable(err))
          return sendError(c, 'database_unavailable', 'The database is unavailable; try again shortly', topic);
        if (err instanceof AppError && err.code === 'not_found') return sendError(c, 'forbidden', err.message, topic);
        app.log.error({ err, message: msg.type }, 'websocket message failed');
        return sendError(c, 'internal', 'Something went wrong on our side', topic);
      })
      .finally(() => {
        c.queued--;
      });
  }

  app.get('/ws', { websocket: true, schema: { hide: true } }, (socket, request) => {
    // Sockets injected in tests have no network socket, and so no address.
    const address = request.raw.socket ? request.ip : 'injected';
    const open = (perAddress.get(address) ?? 0) + 1;
    if (open > limits.maxSocketsPerAddress) {
      socket.close(1008, 'too many connections');
      return;
    }
    perAddress.set(address, open);
    const client: Client = {
      socket,
      actor: request.actor,
      address,
      topics: new Map(),
      alive: true,
      bucket: createTokenBucket(deps.clock, { perSecond: limits.messagesPerSecond, burst: limits.messagesPerSecond * 2 }),
      strikes: 0,
      queued: 0,
      chain: Promise.resolve(),
    };
    clients.add(client);
    socket.on('pong', () => (client.alive = true));
    socket.on('message', (raw) => onMessage(client, raw));
    socket.on('close', () => {
      clients.delete(client);
      for (const key of [...client.topics.keys()]) unsubscribe(client, key);
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
  });

  // Notice dead connections (a phone that went into a tunnel) and free them.
  const heartbeat = setInterval(() => {
    for (const c of clients) {
      if (!c.alive) {
        c.socket.terminate();
        continue;
      }
      c.alive = false;
      c.socket.ping();
    }
  }, 30_000);
  heartbeat.unref();

  app.addHook('onClose', async () => {
    clearInterval(heartbeat);
    stopListening();
  });

  return {
    clientCount: () => clients.size,
    topicCount: () => byTopic.size,
    closeAll(afterMs) {
      for (const c of clients) {
        send(c, { type: 'reconnect', afterMs });
        c.socket.close(1012, 'server restarting');
      }
    },
  };
}
