import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
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

/** The author of the post that `id` names, as SQL. */
export const postAuthorIdSql = (id: SQL | AnyPgColumn): SQL<number | null> =>
  sql<number | null>`(select pa.author_id from ${posts} pa where pa.id = ${id})`;

/** The start of the post's Markdown that `id` names (enough for its first line: `firstLineText`), as SQL. */
export const postBodyStartSql = (id: SQL | AnyPgColumn): SQL<string | null> =>
  sql<string | null>`(select left(pb.body, 400) from ${posts} pb where pb.id = ${id})`;
