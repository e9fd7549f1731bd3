import { eq, sql, type SQL } from 'drizzle-orm';
import { posts, rowsOf, searchDocuments, type DbOrTx } from '@kakera/db';
import { categoryIdBySlugSql, categoryNameSql, categorySlugSql } from '../categories/category-reads.ts';
import { postPublicSql, searchSourceSql, threadSearchFactsSql, type SearchSourceRow } from '../forum/search-reads.ts';
import { solvedSql, threadTitleSql } from '../forum/thread-reads.ts';
import { userRefSql, type UserRefRow } from '../users/user-reads.ts';

export type DocumentRow = typeof searchDocuments.$inferInsert;

/** Writes documents, replacing what the index held for the same posts. */
export async function upsertDocuments(db: DbOrTx, rows: DocumentRow[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insert(searchDocuments)
    .values(rows)
    .onConflictDoUpdate({
      target: searchDocuments.postId,
      set: {
        threadId: sql`excluded.thread_id`,
        categoryId: sql`excluded.category_id`,
        threadKind: sql`excluded.thread_kind`,
        authorId: sql`excluded.author_id`,
        opening: sql`excluded.opening`,
        position: sql`excluded.position`,
        createdAt: sql`excluded.created_at`,
        threadHidden: sql`excluded.thread_hidden`,
        postHidden: sql`excluded.post_hidden`,
        body: sql`excluded.body`,
        terms: sql`excluded.terms`,
        titleTerms: sql`excluded.title_terms`,
      },
    });
}

export async function deleteDocument(db: DbOrTx, postId: number): Promise<void> {
  await db.delete(searchDocuments).where(eq(searchDocuments.postId, postId));
}

export async function findSources(db: DbOrTx, where: SQL, tail?: SQL): Promise<SearchSourceRow[]> {
  return rowsOf<SearchSourceRow>(await db.execute(searchSourceSql(where, tail)));
}

/** Posts up to `upTo` after `after` that the index does not hold, oldest first. */
export async function findUnindexedSources(db: DbOrTx, after: number, upTo: number, limit: number): Promise<SearchSourceRow[]> {
  return findSources(
    db,
    sql`src_p.id > ${after} and src_p.id <= ${upTo} and not exists (select 1 from ${searchDocuments} d where d.post_id = src_p.id)`,
    sql`order by src_p.id limit ${limit}`,
  );
}

export async function findLastPostId(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ id: sql<number | null>`max(${posts.id})` }).from(posts);
  return Number(row?.id ?? 0);
}

/** Copies the thread's board, kind and visibility onto all its posts' documents. */
export async function updateThreadDocuments(db: DbOrTx, threadId: number): Promise<void> {
  await db.execute(sql`update ${searchDocuments} d
    set category_id = f.category_id, thread_kind = f.thread_kind, thread_hidden = f.thread_hidden
    from (${threadSearchFactsSql(threadId)}) f
    where d.thread_id = ${threadId}
      and (d.category_id, d.thread_kind, d.thread_hidden) is distinct from (f.category_id, f.thread_kind, f.thread_hidden)`);
}

export interface PageOptions {
  /** The search, a tsquery literal. */
  query: string;
  staff: boolean;
  categorySlug?: string | undefined;
  kind?: string | undefined;
  authorId?: number | undefined;
  solved?: boolean | undefined;
  from?: Date | undefined;
  until?: Date | undefined;
  after?: { titleMatch: boolean; createdAt: string; postId: number } | undefined;
  limit: number;
}

export interface FoundRow {
  post_id: number;
  thread_id: number;
  position: number;
  category_id: number;
  thread_kind: 'discussion' | 'question' | 'bug' | 'suggestion';
  author_id: number;
  created_at: Date | string;
  body: string;
  hidden: boolean;
  title_match: boolean;
  title: string | null;
  solved: boolean;
  author: UserRefRow | null;
  category_slug: string | null;
  category_name: string | null;
  readable: boolean;
}

// Milliseconds, as cursors carry them: rows written with finer times still page without gaps or repeats.
const createdMs = sql`date_trunc('milliseconds', d.created_at)`;

/**
 * One page of matches, title matches first, then the newest: one scan of the
 * GIN index on `terms`, filters on the document's own columns, then names,
 * titles and "solved" for the page's rows only.
 */
function pageSql(o: PageOptions): SQL {
  // On the title's own small terms (null on replies), not the whole post's: cheap for every match to be ranked.
  const titleMatch = sql`coalesce(d.title_terms @@ ${o.query}::tsquery, false)`;
  const where: SQL[] = [sql`d.terms @@ ${o.query}::tsquery`];
  if (!o.staff) where.push(sql`not d.thread_hidden and not d.post_hidden`);
  if (o.categorySlug !== undefined) where.push(sql`d.category_id = ${categoryIdBySlugSql(o.categorySlug)}`);
  if (o.kind !== undefined) where.push(sql`d.thread_kind = ${o.kind}`);
  if (o.authorId !== undefined) where.push(sql`d.author_id = ${o.authorId}`);
  if (o.solved !== undefined) where.push(sql`${solvedSql(sql`d.thread_id`)} = ${o.solved}::boolean`);
  if (o.from) where.push(sql`d.created_at >= ${o.from.toISOString()}::timestamptz`);
  if (o.until) where.push(sql`d.created_at < ${o.until.toISOString()}::timestamptz`);
  if (o.after) {
    where.push(
      sql`(${titleMatch}, ${createdMs}, d.post_id) < (${o.after.titleMatch}::boolean, ${o.after.createdAt}::timestamptz, ${o.after.postId}::int)`,
    );
  }
  return sql`select d.post_id, d.thread_id, d.position, d.category_id, d.thread_kind, d.author_id, ${createdMs} as created_at,
      d.body, d.thread_hidden or d.post_hidden as hidden, ${titleMatch} as title_match
    from ${searchDocuments} d
    where ${sql.join(where, sql` and `)}
    order by title_match desc, ${createdMs} desc, d.post_id desc
    limit ${o.limit}`;
}

export async function findDocumentPage(db: DbOrTx, o: PageOptions): Promise<FoundRow[]> {
  const result = await db.execute(sql`select f.*, ${threadTitleSql(sql`f.thread_id`)} as title, ${solvedSql(sql`f.thread_id`)} as solved,
      ${userRefSql(sql`f.author_id`)} as author, ${categorySlugSql(sql`f.category_id`)} as category_slug,
      ${categoryNameSql(sql`f.category_id`)} as category_name, ${postPublicSql(sql`f.post_id`)} as readable
    from (${pageSql(o)}) f
    order by f.title_match desc, f.created_at desc, f.post_id desc`);
  return rowsOf<FoundRow>(result);
}

/** PostgreSQL's plan for a page (EXPLAIN, JSON; with `analyze`, as run), for tests and docs/performance.md. */
export async function explainDocumentPage(db: DbOrTx, o: PageOptions, analyze = false): Promise<unknown> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`explain (format json${analyze ? sql`, analyze, buffers` : sql``}) ${pageSql(o)}`),
  );
  const plan = rows[0]!['QUERY PLAN'];
  return typeof plan === 'string' ? JSON.parse(plan) : plan;
}

export interface TitleRow {
  thread_id: number;
  thread_kind: 'discussion' | 'question' | 'bug' | 'suggestion';
  created_at: Date | string;
  title: string | null;
  solved: boolean;
}

/** Threads whose titles share any term with the query (`query` is an OR), the best ranked first; hidden threads never. */
export async function findSimilarTitles(db: DbOrTx, query: string, limit: number): Promise<TitleRow[]> {
  const result = await db.execute(sql`select f.*, ${threadTitleSql(sql`f.thread_id`)} as title, ${solvedSql(sql`f.thread_id`)} as solved
    from (
      select d.thread_id, d.thread_kind, d.created_at, ts_rank(d.title_terms, ${query}::tsquery) as rank
      from ${searchDocuments} d
      where d.title_terms is not null and d.title_terms @@ ${query}::tsquery and not d.thread_hidden
      order by rank desc, d.created_at desc, d.thread_id desc
      limit ${limit}
    ) f
    order by f.rank desc, f.created_at desc, f.thread_id desc`);
  return rowsOf<TitleRow>(result);
}
