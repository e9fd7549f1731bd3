import type { FastifyInstance } from 'fastify';
import WebSocketClient from 'ws';

type WebSocket = WebSocketClient;

export type Frame = { type: string; id?: number; topic?: string; code?: string; reason?: string; data?: Record<string, unknown> } & Record<
  string,
  unknown
>;

/** A WebSocket client on /ws through Fastify's injectWS that records every frame and can wait for one. */
export async function connectWs(app: FastifyInstance, cookie?: string) {
  const ws: WebSocket = await (app as unknown as { injectWS: (path: string, opts?: object) => Promise<WebSocket> }).injectWS('/ws', {
    headers: cookie ? { cookie } : {},
  });
  return track(ws);
}

/**
 * The same over a real connection to a listening server (`ws://127.0.0.1:<port>/ws`):
 * for what injected sockets do not do, such as the server seeing the client close.
 */
export async function connectWsTo(url: string, cookie?: string) {
  const ws = new WebSocketClient(url, { headers: cookie ? { cookie } : {} });
  const tracked = track(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('close', () => resolve());
  });
  return tracked;
}

function track(ws: WebSocket) {
  const frames: Frame[] = [];
  const waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  ws.on('message', (raw) => {
    const f = JSON.parse(String(raw)) as Frame;
    frames.push(f);
    for (const w of [...waiters]) {
      if (!w.pred(f)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(f);
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  const next = (pred: (f: Frame) => boolean, ms = 5000) =>
    new Promise<Frame>((resolve, reject) => {
      const found = frames.find(pred);
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error(`no frame in ${ms} ms; got ${JSON.stringify(frames).slice(0, 2000)}`)), ms);
      waiters.push({
        pred,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  const send = (m: object) => ws.send(JSON.stringify(m));
  /** Subscribes and waits for the answer (subscribed or error). */
  const subscribe = async (topic: string) => {
    const before = frames.length;
    send({ type: 'subscribe', topic });
    return next((f) => (f.type === 'subscribed' || f.type === 'error') && f.topic === topic && frames.indexOf(f) >= before);
  };
  /** Resumes and waits for the end of the replay. */
  const resume = async (since: number) => {
    const before = frames.length;
    send({ type: 'resume', since });
    return next((f) => (f.type === 'resumed' || f.type === 'error') && frames.indexOf(f) >= before);
  };
  return { ws, frames, next, send, subscribe, resume, closed };
}
