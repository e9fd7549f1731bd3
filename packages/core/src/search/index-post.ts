import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@kakera/db';
import type { SearchSourceRow } from '../forum/search-reads.ts';
import { deleteDocument, findSources, upsertDocuments } from './search.repo.ts';
import { toDocument } from './search-document.ts';

/**
 * Brings one post's search document up to date with the post as it now is
 * (new, edited, deleted, hidden). The forum calls it inside the transaction
 * that changed the post, so the index never lags behind what it
 * describes: a search right after a reply finds it, one right after a delete
 * no longer shows its words to fans, and a rollback takes both back.
 */
export async function indexPost(tx: DbOrTx, postId: number): Promise<void> {
  const [src] = await findSources(tx, sql`src_p.id = ${postId}`);
  if (src) await upsertDocuments(tx, [toDocument(src)]);
  else await deleteDocument(tx, postId);
}

/**
 * Indexes a post that its writer has just inserted in this transaction, from
 * what the writer has in hand (the post and its locked thread's board, kind
 * and visibility: the row `indexPost` would read back), in one statement
 * instead of two (docs/performance.md, "The write paths").
 */
export async function indexNewPost(tx: DbOrTx, src: SearchSourceRow): Promise<void> {
  await upsertDocuments(tx, [toDocument(src)]);
}
