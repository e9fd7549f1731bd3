import { queueNextCursor, queueStateOf, toQueueObligation, type ObligationViewRow, type QueuePage } from '@kakera/core';

/**
 * The staff queue is the one response every staff member keeps reloading, so
 * it skips the generic serializer (which validates all 100 rows against the
 * zod schema on every request). A page of 100 rows is ~68 KB of JSON, and
 * between two instants at which one of its rows or the counts change state,
 * all of it but `now` stays the same: so it is kept as UTF-8 bytes per
 * read-model page (the rows array of queue-snapshot.ts) with the states and
 * counts it was written for, and a request adds only `now` and the cursor.
 * Written as a string on every request, the encoding to UTF-8 (titles and
 * excerpts in Japanese and Chinese make it a two-byte string) and counting
 * its bytes for the header were a third of the server's time under the
 * queue's load (docs/performance.md). The contract is still QueueResponse:
 * apps/api/test/sla-queue-snapshot.test.ts parses the served body with it and
 * compares it with the plain query's answer at moving instants.
 */
const rowPrefixes = new WeakMap<readonly ObligationViewRow[], string[]>();
const bodies = new WeakMap<readonly ObligationViewRow[], { key: string; bytes: Buffer }>();
// `state` is QueueObligation's last field: each row is written up to its value.
const STATE_TAIL = '"open"}';
const BEFORE_ANY_STATE = new Date(0);

function prefixesOf(rows: readonly ObligationViewRow[], limit: number): string[] {
  let prefixes = rowPrefixes.get(rows);
  if (!prefixes || prefixes.length !== Math.min(limit, rows.length)) {
    prefixes = rows.slice(0, limit).map((r) => {
      const json = JSON.stringify(toQueueObligation(r, BEFORE_ANY_STATE));
      if (!json.endsWith(`"state":${STATE_TAIL}`)) throw new Error('QueueObligation must end with its state');
      return json.slice(0, -STATE_TAIL.length);
    });
    rowPrefixes.set(rows, prefixes);
  }
  return prefixes;
}

/** The page as the JSON bytes of QueueResponse. */
export function queueJson(page: QueuePage): Buffer {
  const n = Math.min(page.limit, page.rows.length);
  const states: string[] = new Array<string>(n);
  const counts = JSON.stringify(page.counts);
  // What the kept bytes were written for: the counts and every row's state ('o', 'w', 'b').
  let key = counts;
  for (let i = 0; i < n; i++) {
    states[i] = queueStateOf(page.rows[i]!.o, page.now);
    key += states[i]![0];
  }
  let body = bodies.get(page.rows);
  if (body?.key !== key) {
    const prefixes = prefixesOf(page.rows, page.limit);
    let out = '{"obligations":[';
    for (let i = 0; i < n; i++) out += `${i ? ',' : ''}${prefixes[i]}"${states[i]}"}`;
    body = { key, bytes: Buffer.from(`${out}],"counts":${counts}`) };
    bodies.set(page.rows, body);
  }
  const tail = Buffer.from(`,"now":"${page.now.toISOString()}","nextCursor":${JSON.stringify(queueNextCursor(page))}}`);
  return Buffer.concat([body.bytes, tail], body.bytes.length + tail.length);
}
