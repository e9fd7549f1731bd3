import type { FastifyInstance } from 'fastify';
import type { WebSocket } from '@fastify/websocket';
import { ClientMessage } from '@kakera/contracts';
import { isStaff, loadVisibleThread, type Actor, type Deps, type PublishedEvent } from '@kakera/core';

interface Client {
  socket: WebSocket;
  actor: Actor;
  topics: Set<string>;
  alive: boolean;
}

export interface Hub {
  clientCount(): number;
  /** Tells every client to reconnect elsewhere (or later) and closes them. */
  closeAll(afterMs: number): void;
}

/**
 * The WebSocket hub: clients subscribe to topics; every event the bus
 * delivers (from this instance or, through LISTEN/NOTIFY, any other) goes to
 * the subscribers of its topic. Each event is serialised once per topic.
 */
export function registerHub(app: FastifyInstance, deps: Deps): Hub {
  const byTopic = new Map<string, Set<Client>>();
  const clients = new Set<Client>();

  const send = (c: Client, msg: unknown) => {
    if (c.socket.readyState === 1) c.socket.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  };

  const canReceive = (c: Client, e: PublishedEvent) => e.userId === null || (c.actor.kind === 'user' && c.actor.id === e.userId);

  const unsubscribe = deps.events.subscribe((event) => {
    if (event.type === 'user.changed') return resignIn((event.data as { userId: number }).userId);
    const subscribers = byTopic.get(event.topic);
    if (!subscribers?.size) return;
    const frame = JSON.stringify({ type: event.type, id: event.id, topic: event.topic, data: event.data });
    for (const c of subscribers) if (canReceive(c, event)) send(c, frame);
  });

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

  async function authorize(c: Client, topic: string): Promise<string | null> {
    if (topic === 'staff-queue') return isStaff(c.actor) ? null : 'Staff only';
    if (topic === 'notifications') return c.actor.kind === 'user' ? null : 'Sign in to receive notifications';
    if (topic.startsWith('thread:')) {
      try {
        await loadVisibleThread(deps.db, c.actor, Number(topic.slice(7)));
        return null;
      } catch {
        return 'No such thread';
      }
    }
    return null;
  }

  const topicKey = (c: Client, topic: string) => (topic === 'notifications' && c.actor.kind === 'user' ? `user:${c.actor.id}` : topic);

  app.get('/ws', { websocket: true, schema: { hide: true } }, (socket, request) => {
    const client: Client = { socket, actor: request.actor, topics: new Set(), alive: true };
    clients.add(client);
    socket.on('pong', () => (client.alive = true));
    socket.on('message', async (raw) => {
      let msg;
      try {
        msg = ClientMessage.parse(JSON.parse(String(raw)));
      } catch {
        return send(client, { type: 'error', code: 'invalid_input', message: 'Unknown message' });
      }
      if (msg.type === 'ping') return send(client, { type: 'pong' });
      if (msg.type === 'subscribe') {
        const denied = await authorize(client, msg.topic);
        if (denied) return send(client, { type: 'error', code: 'forbidden', message: denied, topic: msg.topic });
        const key = topicKey(client, msg.topic);
        client.topics.add(key);
        if (!byTopic.has(key)) byTopic.set(key, new Set());
        byTopic.get(key)!.add(client);
        return send(client, { type: 'subscribed', topic: msg.topic });
      }
      if (msg.type === 'unsubscribe') {
        const key = topicKey(client, msg.topic);
        client.topics.delete(key);
        byTopic.get(key)?.delete(client);
        return send(client, { type: 'unsubscribed', topic: msg.topic });
      }
      // resume: replay what this client's topics missed since the given id
      const missed = await deps.events.since(msg.since, 1000);
      let count = 0;
      for (const e of missed) {
        if (client.topics.has(e.topic) && canReceive(client, e)) {
          send(client, { type: e.type, id: e.id, topic: e.topic, data: e.data });
          count++;
        }
      }
      send(client, { type: 'resumed', since: msg.since, count });
    });
    socket.on('close', () => {
      clients.delete(client);
      for (const t of client.topics) byTopic.get(t)?.delete(client);
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
    unsubscribe();
  });

  return {
    clientCount: () => clients.size,
    closeAll(afterMs) {
      for (const c of clients) {
        send(c, { type: 'reconnect', afterMs });
        c.socket.close(1012, 'server restarting');
      }
    },
  };
}
