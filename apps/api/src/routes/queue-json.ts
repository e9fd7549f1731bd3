import { queueNextCursor, queueStateOf, toQueueObligation, type ObligationViewRow, type QueuePage } from '@kakera/core';

/**
 * The staff queue is the one response every staff member keeps reloading, so
 * it skips the generic serializer (which validates all 100 rows against the
 * zod schema on every request) and splices JSON that was written once per
 * read-model generation. Only the parts that move with the clock — each
 * row's state, the counts, `now` — are written per request. The contract is
 * still QueueResponse: apps/api/test/sla-queue-snapshot.test.ts parses the
 * served body with it and compares it with the plain query's answer.
 */
const rowPrefixes = new WeakMap<readonly ObligationViewRow[], string[]>();
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

export function queueJson(page: QueuePage): string {
  const prefixes = prefixesOf(page.rows, page.limit);
  let out = '{"obligations":[';
  for (let i = 0; i < prefixes.length; i++) {
    if (i) out += ',';
    out += `${prefixes[i]}"${queueStateOf(page.rows[i]!.o, page.now)}"}`;
  }
  return `${out}],"counts":${JSON.stringify(page.counts)},"now":"${page.now.toISOString()}","nextCursor":${JSON.stringify(queueNextCursor(page))}}`;
}
