import { backfillSearchIndex } from '@kakera/core';
import type { FastifyBaseLogger } from 'fastify';
import type { Job } from './job-runner.ts';

/**
 * Indexes posts the search index does not hold: every post once after the
 * index arrives on an existing forum (the migration only creates the table:
 * the terms are made by core's tokenizer, in TypeScript), then anything
 * written around the forum's use cases, such as a bulk import. The forum's
 * own writes index themselves in their transaction.
 *
 * One instance per slot, 2,000 posts at most a slot; a million posts take
 * about ten minutes. Where it got to is kept in memory: after a restart it
 * checks every post once again, which costs an index probe per post — 16 s
 * at a million posts on a busy 2-core machine, so the first run is in the
 * background: run before the server took requests, it failed the server's
 * start-up timeout (docs/performance.md, "The write paths").
 */
export function searchBackfillJob(opts: { everyMs?: number; log: FastifyBaseLogger }): Job {
  let after = 0;
  return {
    name: 'search-backfill',
    schedule: { everyMs: opts.everyMs ?? 2000 },
    mode: 'once',
    startInBackground: true,
    async run({ db }) {
      const r = await backfillSearchIndex(db, { after, batchSize: 500, batches: 4 });
      after = r.next;
      if (r.indexed) opts.log.info({ indexed: r.indexed, upTo: r.next, done: r.done }, 'search index backfill');
    },
  };
}
