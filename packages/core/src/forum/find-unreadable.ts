import { sql } from 'drizzle-orm';
import { posts, threads, type DbOrTx } from '@kakera/db';

/**
 * Of the given threads and posts, those a reader who is not staff may no
 * longer read: hidden threads, and deleted or hidden posts (with which).
 */
export async function findUnreadable(
  db: DbOrTx,
  threadIds: number[],
  postIds: number[],
): Promise<{ threads: Set<number>; posts: Map<number, { deleted: boolean; hidden: boolean }> }> {
  const [hiddenThreads, gonePosts] = await Promise.all([
    threadIds.length
      ? db
          .select({ id: threads.id })
          .from(threads)
          .where(sql`${threads.id} = any(${`{${threadIds.join(',')}}`}::int[]) and ${threads.hiddenAt} is not null`)
      : [],
    postIds.length
      ? db
          .select({ id: posts.id, deletedAt: posts.deletedAt, hiddenAt: posts.hiddenAt })
          .from(posts)
          .where(
            sql`${posts.id} = any(${`{${postIds.join(',')}}`}::int[]) and (${posts.deletedAt} is not null or ${posts.hiddenAt} is not null)`,
          )
      : [],
  ]);
  return {
    threads: new Set(hiddenThreads.map((r) => r.id)),
    posts: new Map(gonePosts.map((r) => [r.id, { deleted: r.deletedAt !== null, hidden: r.hiddenAt !== null }])),
  };
}
