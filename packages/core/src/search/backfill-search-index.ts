import type { DbOrTx } from '@kakera/db';
import { findLastPostId, findUnindexedSources, upsertDocuments } from './search.repo.ts';
import { toDocument } from './search-document.ts';

/**
 * Indexes posts the index does not hold yet: all of them once, after the
 * index is created on an existing forum, and later any that were written
 * around the forum's use cases (a bulk import). Pages through posts by id
 * from `after`, `batchSize` at a time, at most `batches` batches, and says
 * where to go on from; `done` once it reached the newest post.
 */
export async function backfillSearchIndex(
  db: DbOrTx,
  opts: { after: number; batchSize?: number; batches?: number },
): Promise<{ indexed: number; next: number; done: boolean }> {
  const batchSize = opts.batchSize ?? 500;
  const upTo = await findLastPostId(db);
  let after = opts.after;
  let indexed = 0;
  for (let i = 0; i < (opts.batches ?? 4); i++) {
    const sources = await findUnindexedSources(db, after, upTo, batchSize);
    await upsertDocuments(db, sources.map(toDocument));
    indexed += sources.length;
    if (sources.length < batchSize) return { indexed, next: upTo, done: true };
    after = sources[sources.length - 1]!.post_id;
  }
  return { indexed, next: after, done: false };
}
