// Load from a second process, as quality.md asks: the server under test
// never shares its event loop with the client measuring it.
//
//   node bench/load.mjs '{"url":"http://127.0.0.1:3000/api/health","connections":50,"duration":10,"headers":{}}'
//
// Options beyond autocannon's own: `amount` (a fixed number of requests
// instead of a duration), `body` (JSON, sent with its content type), and
// `rotate` — `{ "paths": [...], "cookies": [...] }`: request n goes to
// paths[n % len] with cookies[n % len], so that a write benchmark spreads
// over many threads and many people instead of queueing on one row.
//
// Prints one JSON line: latency percentiles (ms), requests per second, errors.
import autocannon from 'autocannon';

const opts = JSON.parse(process.argv[2] ?? '{}');
const headers = { ...(opts.headers ?? {}) };
if (opts.body !== undefined) headers['content-type'] = 'application/json';
const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);

let n = 0;
const rotate = opts.rotate;
const requests = rotate
  ? [
      {
        setupRequest(req) {
          const k = n++;
          const out = { ...req, headers: { ...req.headers } };
          if (rotate.paths?.length) out.path = rotate.paths[k % rotate.paths.length];
          if (rotate.cookies?.length) out.headers.cookie = rotate.cookies[k % rotate.cookies.length];
          return out;
        },
      },
    ]
  : undefined;

const cpuBefore = process.cpuUsage();
const result = await autocannon({
  url: opts.url,
  connections: opts.connections ?? 50,
  ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? 10 }),
  headers,
  method: opts.method ?? 'GET',
  ...(body !== undefined && { body }),
  ...(requests && { requests }),
});
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
  `${JSON.stringify({
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    rps: result.requests.average,
    requests: result.requests.total,
    // The client's own CPU: on a small machine it shares the cores with the server.
    clientCpuMs: result.requests.total ? Math.round(((cpu.user + cpu.system) / 1000 / result.requests.total) * 1000) / 1000 : 0,
    bytesPerRequest: result.requests.total ? Math.round(result.throughput.total / result.requests.total) : 0,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statusCodes: result.statusCodeStats,
  })}\n`,
);
