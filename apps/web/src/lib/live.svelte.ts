import type { ClientMessage, EventType, ServerControl, ServerEvent } from '@kakera/contracts';

/**
 * One WebSocket to /ws for the whole tab. Pages subscribe to topics
 * (`thread:<id>`, `category:<id>`, `notifications`, `staff-queue`) and get
 * the server's `{ type, id, topic, data }` events. After a drop it
 * reconnects with backoff, subscribes again and asks the server to
 * `resume` from the last event id it saw, so nothing is missed.
 */

type Handler = (event: ServerEvent) => void;

export type LiveStatus = 'idle' | 'connecting' | 'open' | 'reconnecting';

const MIN_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;
const PING_MS = 25_000;

/** Backoff for the n-th consecutive failed attempt (0-based), with jitter so a restart is not stampeded. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** attempt);
  return Math.round(base / 2 + random() * (base / 2));
}

/** Event ids remembered to drop one sent twice: more than a catch-up or a resume sends at once. */
const SEEN_IDS = 2000;

export class LiveClient {
  status = $state<LiveStatus>('idle');

  #socket: WebSocket | null = null;
  // Plain collections on purpose: handlers are bookkeeping, not UI state.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #handlers = new Map<string, Set<Handler>>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #staleHandlers = new Set<() => void>();
  #lastId = 0;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #since = new Map<string, number>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #seen = new Set<number>();
  #seenOrder: number[] = [];
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #pingTimer: ReturnType<typeof setInterval> | null = null;
  #idleTimer: ReturnType<typeof setTimeout> | null = null;
  #url: () => string;

  constructor(url?: () => string) {
    this.#url = url ?? (() => `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`);
  }

  /**
   * Listen to a topic; returns the function that stops listening. `since`:
   * the live position the page's data was read at (GET /api/live); the
   * server first sends what the topic saw after it, so an event between
   * loading the page and subscribing is not missed.
   */
  subscribe(topic: string, handler: Handler, opts: { since?: number } = {}): () => void {
    if (typeof window === 'undefined') return () => {};
    let set = this.#handlers.get(topic);
    if (!set) {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      set = new Set();
      this.#handlers.set(topic, set);
      if (opts.since !== undefined) this.#since.set(topic, opts.since);
      this.#subscribe(topic);
    }
    set.add(handler);
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    this.#connect();
    return () => {
      const s = this.#handlers.get(topic);
      if (!s) return;
      s.delete(handler);
      if (s.size === 0) {
        this.#handlers.delete(topic);
        this.#send({ type: 'unsubscribe', topic } as ClientMessage);
      }
      // Keep the socket a moment: the next page usually subscribes again at once.
      if (this.#handlers.size === 0 && !this.#idleTimer) {
        this.#idleTimer = setTimeout(() => {
          this.#idleTimer = null;
          if (this.#handlers.size === 0) this.#close();
        }, 5000);
      }
    };
  }

  /**
   * Called when the server says this tab is too far behind to catch up by
   * replay (it was away for long): the pages should load their data afresh.
   */
  onStale(handler: () => void): () => void {
    this.#staleHandlers.add(handler);
    return () => this.#staleHandlers.delete(handler);
  }

  #connect(): void {
    if (this.#socket || this.#retryTimer) return;
    this.status = this.#attempt === 0 ? 'connecting' : 'reconnecting';
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.#url());
    } catch {
      this.#scheduleRetry();
      return;
    }
    this.#socket = ws;
    ws.onopen = () => {
      this.#attempt = 0;
      this.status = 'open';
      for (const topic of this.#handlers.keys()) this.#subscribe(topic);
      if (this.#lastId > 0) this.#send({ type: 'resume', since: this.#lastId });
      this.#pingTimer = setInterval(() => this.#send({ type: 'ping' }), PING_MS);
    };
    ws.onmessage = (e) => this.#receive(e.data);
    ws.onclose = () => {
      this.#cleanupSocket();
      if (this.#handlers.size > 0) this.#scheduleRetry();
      else this.status = 'idle';
    };
    ws.onerror = () => ws.close();
  }

  #receive(raw: unknown): void {
    if (typeof raw !== 'string') return;
    let msg: ServerEvent | ServerControl;
    try {
      msg = JSON.parse(raw);
    } catch {
      return;
    }
    if (msg.type === 'reconnect') {
      // The server is going away (deploy, shutdown): come back after its hint.
      const after = (msg as { afterMs?: number }).afterMs ?? MIN_DELAY_MS;
      this.#socket?.close();
      this.#cleanupSocket();
      this.#scheduleRetry(after);
      return;
    }
    if (msg.type === 'resumed' && msg.reload) {
      for (const h of this.#staleHandlers) h();
      return;
    }
    const ev = msg as ServerEvent;
    if (typeof ev.id !== 'number' || typeof ev.topic !== 'string') return;
    // Not by the highest id: a new subscription's catch-up sends a topic's
    // older events after newer ones of other topics.
    if (!this.#firstTime(ev.id)) return;
    this.#lastId = Math.max(this.#lastId, ev.id);
    for (const h of this.#handlers.get(ev.topic) ?? []) {
      try {
        h(ev);
      } catch (err) {
        console.error(err);
      }
    }
  }

  /** Subscribes on the open socket; a topic's `since` goes with its first subscription only (a reconnect resumes). */
  #subscribe(topic: string): void {
    if (this.#socket?.readyState !== WebSocket.OPEN) return;
    const since = this.#since.get(topic);
    this.#since.delete(topic);
    this.#send({ type: 'subscribe', topic, ...(since !== undefined && { since }) } as ClientMessage);
  }

  /** False for an event id already handled (a catch-up or a resume may send one again). */
  #firstTime(id: number): boolean {
    if (this.#seen.has(id)) return false;
    this.#seen.add(id);
    this.#seenOrder.push(id);
    if (this.#seenOrder.length > SEEN_IDS) this.#seen.delete(this.#seenOrder.shift()!);
    return true;
  }

  #send(msg: ClientMessage): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(msg));
  }

  #scheduleRetry(delay = backoffDelay(this.#attempt)): void {
    this.status = 'reconnecting';
    this.#attempt++;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#handlers.size > 0) this.#connect();
    }, delay);
  }

  #cleanupSocket(): void {
    if (this.#pingTimer) clearInterval(this.#pingTimer);
    this.#pingTimer = null;
    if (this.#socket) {
      this.#socket.onopen = this.#socket.onmessage = this.#socket.onclose = this.#socket.onerror = null;
    }
    this.#socket = null;
  }

  #close(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const ws = this.#socket;
    this.#cleanupSocket();
    ws?.close();
    this.#attempt = 0;
    this.status = 'idle';
  }
}

/** The tab's connection. */
export const live = new LiveClient();

/** Narrows an event to one type. */
export function isEvent<T extends EventType>(ev: ServerEvent, type: T): ev is ServerEvent<T> {
  return ev.type === type;
}
