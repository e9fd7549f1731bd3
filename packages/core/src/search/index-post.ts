import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@kakera/db';
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
