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
  /** The time as the cursor carries it (microseconds, UTC). */
  cursor_at: string;
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
 * A page of matches is title matches first, then the newest: two branches,
 * each read newest first. The title matches come from the GIN index on
 * `title_terms` (opening posts only: few). The other matches of a rare word
 * come from the GIN index on `terms`, sorted; those of a common word from
 * `search_documents_recent_idx` read backwards, each document tested until
 * the page is full, instead of every match sorted (at a million posts
 * "battery" matched 58,000 and took seconds). Names, titles and "solved" are
 * read for the page's rows only.
 */
function pageWhere(o: PageOptions): { titleWhere: SQL[]; bodyWhere: SQL[] } {
  const filters: SQL[] = [];
  if (!o.staff) filters.push(sql`not d.thread_hidden and not d.post_hidden`);
  if (o.categorySlug !== undefined) filters.push(sql`d.category_id = ${categoryIdBySlugSql(o.categorySlug)}`);
  if (o.kind !== undefined) filters.push(sql`d.thread_kind = ${o.kind}`);
  if (o.authorId !== undefined) filters.push(sql`d.author_id = ${o.authorId}`);
  if (o.solved !== undefined) filters.push(sql`${solvedSql(sql`d.thread_id`)} = ${o.solved}::boolean`);
  if (o.from) filters.push(sql`d.created_at >= ${o.from.toISOString()}::timestamptz`);
  if (o.until) filters.push(sql`d.created_at < ${o.until.toISOString()}::timestamptz`);
  // On the title's own small terms (null on replies): a title match holds every word of the query.
  const titleWhere: SQL[] = [sql`d.title_terms @@ ${o.query}::tsquery`, ...filters];
  const bodyWhere: SQL[] = [
    sql`d.terms @@ ${o.query}::tsquery`,
    sql`not coalesce(d.title_terms @@ ${o.query}::tsquery, false)`,
    ...filters,
  ];
  if (o.after) {
    const before = sql`(d.created_at, d.post_id) < (${o.after.createdAt}::timestamptz, ${o.after.postId}::int)`;
    // After a title match: the rest of the title matches, then every other match. After another match: only those.
    if (o.after.titleMatch) {
      titleWhere.push(before);
    } else {
      titleWhere.push(sql`false`);
      bodyWhere.push(before);
    }
  }
  return { titleWhere, bodyWhere };
}

/** One branch's page: its documents in the recency index's own order (desc nulls last: no sort needed on it). */
function branchSql(where: SQL[], titleMatch: boolean, limit: number): SQL {
  return sql`select d.post_id, d.thread_id, d.position, d.category_id, d.thread_kind,
      d.author_id, ${createdMs} as created_at, ${cursorTime} as cursor_at,
      d.body, d.thread_hidden or d.post_hidden as hidden, ${sql.raw(String(titleMatch))} as title_match
    from ${searchDocuments} d
    where ${sql.join(where, sql` and `)}
    order by d.created_at desc nulls last, d.post_id desc nulls last
    limit ${limit}`;
}

// A cursor carries the document's time to the microsecond, so that paging by (created_at, post_id) has no gaps
// even for rows whose times are finer than JavaScript's milliseconds (rows written by SQL).
const cursorTime = sql`to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Above this many matches a word counts as common: its page is read from the
 * recency index (at most about limit × documents / COMMON rows tested);
 * below, its matches are found by the GIN index and sorted (at most COMMON).
 */
const COMMON = 2000;

/**
 * Which plan the other matches get is decided here, from a count, not left to
 * the planner: its estimate for a word it has no statistics for (a rare word,
 * or one new since the last ANALYZE) can be far too high, and then it reads
 * the whole recency index looking for matches that are not there (6 s for a
 * word with no match in a million posts). Bitmap scans only (the GIN index)
 * for the title matches and the count, which stops at COMMON; then, for a
 * common word, index scans only (the recency index).
 */
async function bitmapScansOnly(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`set local enable_seqscan = off`);
  await tx.execute(sql`set local enable_indexscan = off`);
}
async function isCommon(tx: DbOrTx, bodyWhere: SQL[]): Promise<boolean> {
  const [row] = rowsOf<{ n: number }>(
    await tx.execute(
      sql`select count(*)::int as n from (select 1 from ${searchDocuments} d where ${sql.join(bodyWhere, sql` and `)} limit ${COMMON}) m`,
    ),
  );
  if ((row?.n ?? 0) < COMMON) return false;
  await tx.execute(sql`set local enable_indexscan = on`);
  await tx.execute(sql`set local enable_bitmapscan = off`);
  return true;
}

const withNames = (page: SQL) => sql`select f.*, ${threadTitleSql(sql`f.thread_id`)} as title, ${solvedSql(sql`f.thread_id`)} as solved,
      ${userRefSql(sql`f.author_id`)} as author, ${categorySlugSql(sql`f.category_id`)} as category_slug,
      ${categoryNameSql(sql`f.category_id`)} as category_name, ${postPublicSql(sql`f.post_id`)} as readable
    from (${page}) f
    order by f.cursor_at desc, f.post_id desc`;

/** One page of matches: the title matches, then (if the page is not full) the others, each newest first. */
export async function findDocumentPage(db: DbOrTx, o: PageOptions): Promise<FoundRow[]> {
  const { titleWhere, bodyWhere } = pageWhere(o);
  return db.transaction(async (tx) => {
    await bitmapScansOnly(tx);
    const titled =
      o.after && !o.after.titleMatch ? [] : rowsOf<FoundRow>(await tx.execute(withNames(branchSql(titleWhere, true, o.limit))));
    if (titled.length >= o.limit) return titled;
    await isCommon(tx, bodyWhere);
    const rest = rowsOf<FoundRow>(await tx.execute(withNames(branchSql(bodyWhere, false, o.limit - titled.length))));
    return [...titled, ...rest];
  });
}

/** PostgreSQL's plan for a page (EXPLAIN, JSON; with `analyze`, as run), for tests and docs/performance.md. */
export async function explainDocumentPage(db: DbOrTx, o: PageOptions, analyze = false): Promise<unknown> {
  // The plan of the other matches' branch, with the scans findDocumentPage allows it.
  const { bodyWhere } = pageWhere(o);
  const rows = await db.transaction(async (tx) => {
    await bitmapScansOnly(tx);
    await isCommon(tx, bodyWhere);
    return rowsOf<Record<string, unknown>>(
      await tx.execute(sql`explain (format json${analyze ? sql`, analyze, buffers` : sql``}) ${branchSql(bodyWhere, false, o.limit)}`),
    );
  });
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
