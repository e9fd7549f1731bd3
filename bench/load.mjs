// Load from a second process, as quality.md asks: the server under test
// never shares its event loop with the client measuring it.
//
//   node bench/load.mjs '{"url":"http://127.0.0.1:3000/api/health","connections":50,"duration":10,"headers":{}}'
//
// Prints one JSON line: latency percentiles (ms), requests per second, errors.
import autocannon from 'autocannon';

const opts = JSON.parse(process.argv[2] ?? '{}');
const result = await autocannon({
  url: opts.url,
  connections: opts.connections ?? 50,
  duration: opts.duration ?? 10,
  headers: opts.headers ?? {},
  method: opts.method ?? 'GET',
});
process.stdout.write(
  `${JSON.stringify({
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    rps: result.requests.average,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  })}\n`,
);
