import { eq } from 'drizzle-orm';
import { posts, threads, type DbOrTx } from '@kakera/db';

/**
 * What decides who may see a post's content, for other modules (a post's
 * attachments): the post's access facts and its thread's hidden state. Ask
 * post-policy.ts's `canSeePostContent` with them.
 */
export async function findPostAccess(db: DbOrTx, postId: number) {
  const [row] = await db
    .select({
      authorId: posts.authorId,
      kind: posts.kind,
      position: posts.position,
      deletedAt: posts.deletedAt,
      hiddenAt: posts.hiddenAt,
      threadHiddenAt: threads.hiddenAt,
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(eq(posts.id, postId));
  if (!row) return undefined;
  return {
    post: {
      authorId: row.authorId,
      kind: row.kind,
      position: row.position,
      deleted: row.deletedAt !== null,
      hidden: row.hiddenAt !== null,
    },
    thread: { hiddenAt: row.threadHiddenAt },
  };
}
