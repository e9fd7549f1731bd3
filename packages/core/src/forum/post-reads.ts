import { eq, inArray } from 'drizzle-orm';
import { posts, threads, type DbOrTx } from '@kakera/db';

/** What another module's page shows of a post (the flag queue): where it is, who wrote it, its first words. */
export interface PostSummary {
  id: number;
  threadId: number;
  threadTitle: string;
  position: number;
  authorId: number;
  excerpt: string;
  hidden: boolean;
  deleted: boolean;
}

/** Posts by id, for staff pages of other modules (the words of hidden and deleted posts included). */
export async function findPostSummaries(db: DbOrTx, ids: number[]): Promise<Map<number, PostSummary>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ post: posts, threadTitle: threads.title })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(inArray(posts.id, ids));
  return new Map(
    rows.map(({ post: p, threadTitle }) => [
      p.id,
      {
        id: p.id,
        threadId: p.threadId,
        threadTitle,
        position: p.position,
        authorId: p.authorId,
        excerpt: p.body.length > 280 ? `${p.body.slice(0, 279)}…` : p.body,
        hidden: p.hiddenAt !== null,
        deleted: p.deletedAt !== null,
      },
    ]),
  );
}
