import { inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { posts, threads, type DbOrTx } from '@kakera/db';

/**
 * What other modules may know of a thread, without reading the forum's
 * tables themselves: the response rule's queue shows titles, its statistics
 * count solved threads. The one place these are defined.
 */

/**
 * "Solved" (product.md): a reply was accepted as the answer, or the author
 * said yes to "did this solve your problem?".
 */
export function isSolved(t: { acceptedPostId: number | null; resolvedByAuthor: boolean | null }): boolean {
  return t.acceptedPostId !== null || t.resolvedByAuthor === true;
}

/** The same in SQL, for the thread that `threadId` (a column or expression) names. */
export function solvedSql(threadId: SQL | AnyPgColumn): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${threads} solved_t where solved_t.id = ${threadId}
    and (solved_t.accepted_post_id is not null or solved_t.resolved_by_author is true))`;
}

/** The title of the thread that `threadId` names. */
export function threadTitleSql(threadId: SQL | AnyPgColumn): SQL<string> {
  return sql<string>`(select title_t.title from ${threads} title_t where title_t.id = ${threadId})`;
}

/** Threads a user started that readers can see, for their profile. */
export function userThreadCountSql(userId: SQL | AnyPgColumn): SQL<number> {
  return sql<number>`(select count(*)::int from ${threads} cnt_t where cnt_t.author_id = ${userId} and cnt_t.hidden_at is null)`;
}

/** Posts a user wrote that readers can see (not system messages), for their profile. */
export function userPostCountSql(userId: SQL | AnyPgColumn): SQL<number> {
  return sql<number>`(select count(*)::int from ${posts} cnt_p where cnt_p.author_id = ${userId}
    and cnt_p.deleted_at is null and cnt_p.hidden_at is null and cnt_p.kind = 'post')`;
}

/** The threads some posts are in, for links to them from other modules' pages. */
export async function findThreadIdsOfPosts(db: DbOrTx, postIds: number[]): Promise<Map<number, number>> {
  if (!postIds.length) return new Map();
  const rows = await db.select({ id: posts.id, threadId: posts.threadId }).from(posts).where(inArray(posts.id, postIds));
  return new Map(rows.map((r) => [r.id, r.threadId]));
}
