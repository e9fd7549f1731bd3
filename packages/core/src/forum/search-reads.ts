import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { posts, threads } from '@kakera/db';

/**
 * What the search index (packages/core/src/search) copies of the forum's
 * posts and threads, defined here so that the forum's tables are read only
 * through what the forum publishes. One row per post that readers write (no
 * system messages).
 */
export interface SearchSourceRow {
  post_id: number;
  thread_id: number;
  category_id: number;
  thread_kind: 'discussion' | 'question' | 'bug' | 'suggestion';
  author_id: number;
  position: number;
  created_at: Date | string;
  thread_hidden: boolean;
  /** Deleted or hidden: only staff read its words. */
  post_hidden: boolean;
  body: string;
  /** The thread's title, on the opening post only. */
  title: string | null;
}

/** The posts that `where` (over `src_p`, posts, and `src_t`, their threads) selects, as search sources; `tail` orders and limits. */
export function searchSourceSql(where: SQL, tail: SQL = sql``): SQL {
  return sql`select src_p.id as post_id, src_p.thread_id, src_t.category_id, src_t.kind as thread_kind, src_p.author_id,
      src_p.position, src_p.created_at, src_t.hidden_at is not null as thread_hidden,
      (src_p.deleted_at is not null or src_p.hidden_at is not null) as post_hidden, src_p.body,
      case when src_p.position = 1 then src_t.title end as title
    from ${posts} src_p join ${threads} src_t on src_t.id = src_p.thread_id
    where src_p.kind = 'post' and (${where}) ${tail}`;
}

/** A thread's facts that every one of its posts' search documents copies. */
export function threadSearchFactsSql(threadId: number): SQL {
  return sql`select src_t.category_id, src_t.kind as thread_kind, src_t.hidden_at is not null as thread_hidden
    from ${threads} src_t where src_t.id = ${threadId}`;
}

/** Whether everyone may read the words of the post that `postId` names: it is not deleted or hidden, nor is its thread. */
export function postPublicSql(postId: SQL | AnyPgColumn): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${posts} pub_p join ${threads} pub_t on pub_t.id = pub_p.thread_id
    where pub_p.id = ${postId} and pub_p.deleted_at is null and pub_p.hidden_at is null and pub_t.hidden_at is null)`;
}
