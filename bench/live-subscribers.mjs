// quality.md's live row, from a second process: N WebSockets follow one
// thread, then a reply is posted N times over; for each reply, the time
// from sending the POST to each subscriber receiving its `post.created`.
//
//   node bench/live-subscribers.mjs '{"base":"http://127.0.0.1:3000","threadId":10,"subscribers":5000,"replies":5,"cookie":"kakera_session=…"}'
//
// Prints one JSON line: delivery latencies (ms) over every reply and subscriber, and how many never arrived.
import WebSocket from 'ws';

const opts = JSON.parse(process.argv[2] ?? '{}');
const { base, threadId, subscribers, replies, cookie } = opts;
const topic = `thread:${threadId}`;
const wsUrl = `${base.replace(/^http/, 'ws')}/ws`;

let round = -1;
let sentAt = 0n;
const latencies = [];
const got = new Set();

function open() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl);
    const timer = setTimeout(() => reject(new Error('subscribe timed out')), 60_000);
    ws.on('error', reject);
    ws.on('message', (raw) => {
      const msg = JSON.parse(raw.toString());
      if (msg.type === 'subscribed') {
        clearTimeout(timer);
        resolve(ws);
      } else if (msg.type === 'post.created' && round >= 0 && !got.has(`${round}:${ws._k}`)) {
        got.add(`${round}:${ws._k}`);
        latencies.push(Number(process.hrtime.bigint() - sentAt) / 1e6);
      }
    });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', topic })));
  });
}

const t0 = Date.now();
const sockets = [];
// In batches: a burst of thousands of handshakes at once measures the kernel's accept queue, not us.
for (let i = 0; i < subscribers; i += 250) {
  const batch = await Promise.all(Array.from({ length: Math.min(250, subscribers - i) }, () => open()));
  for (const ws of batch) {
    ws._k = sockets.length;
    sockets.push(ws);
  }
}
const connectMs = Date.now() - t0;

let missing = 0;
for (let r = 0; r < replies; r++) {
  const before = got.size;
  round = r;
  sentAt = process.hrtime.bigint();
  const res = await fetch(`${base}/api/threads/${threadId}/posts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: base },
    body: JSON.stringify({ body: `Live benchmark reply ${r + 1}: every follower of this thread should see it at once.` }),
  });
  if (res.status !== 201) throw new Error(`reply failed: ${res.status} ${await res.text()}`);
  const deadline = Date.now() + 10_000;
  while (got.size - before < subscribers && Date.now() < deadline) await new Promise((r2) => setTimeout(r2, 5));
  missing += subscribers - (got.size - before);
  await new Promise((r2) => setTimeout(r2, 500));
}
for (const ws of sockets) ws.terminate();

latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil(p * latencies.length) - 1))] ?? null;
process.stdout.write(
  `${JSON.stringify({ p50: pct(0.5), p99: pct(0.99), max: latencies.at(-1) ?? null, delivered: latencies.length, missing, connectMs })}\n`,
);
process.exit(0);
