import type { Attachment } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import { findByPosts } from './attachments.repo.ts';
import { toAttachment } from './attachment-view.ts';

/** The attachments of a page of posts, by post id, in one query (posts without any are absent). */
export async function findPostAttachments(db: DbOrTx, postIds: number[]): Promise<Map<number, Attachment[]>> {
  const byPost = new Map<number, Attachment[]>();
  for (const row of await findByPosts(db, postIds)) {
    const list = byPost.get(row.postId!) ?? [];
    list.push(toAttachment(row));
    byPost.set(row.postId!, list);
  }
  return byPost;
}
