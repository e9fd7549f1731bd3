import { and, asc, between, desc, eq, getTableColumns, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { postLikes, postRevisions, posts, rowsOf, threads, users, type DbOrTx } from '@kakera/db';
import { postAttachmentsJsonSql } from '../attachments/attachment-reads.ts';
import { isStaffRoleSql } from '../users/staff-roles.ts';
import { userRefColumns } from '../users/user-reads.ts';
import type { ThreadRow } from './threads.repo.ts';
import type { AuthorRow } from './post-view.ts';

// Queries on `posts`, `post_likes` and `post_revisions`, the forum's tables.

export type PostRow = typeof posts.$inferSelect;

export const authorColumns = userRefColumns;

export async function insertPost(tx: DbOrTx, values: typeof posts.$inferInsert): Promise<PostRow> {
  const [row] = await tx.insert(posts).values(values).returning();
  return row!;
}

export async function updatePost(tx: DbOrTx, id: number, set: PgUpdateSetSource<typeof posts>): Promise<void> {
  await tx.update(posts).set(set).where(eq(posts.id, id));
}

/** A post with its author and its thread. */
export async function findPostWithThread(
  db: DbOrTx,
  postId: number,
): Promise<{ post: PostRow; author: AuthorRow; thread: ThreadRow } | undefined> {
  const [row] = await db
    .select({ post: posts, author: authorColumns, thread: threads })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(eq(posts.id, postId))
    .limit(1);
  return row;
}

export async function findAuthor(db: DbOrTx, userId: number): Promise<AuthorRow> {
  const [row] = await db.select(authorColumns).from(users).where(eq(users.id, userId));
  return row!;
}

/**
 * A reply, inserted, with what its answer and its event need that the writer
 * does not hold, in the same statement: its author as shown, whether staff
 * other than `threadAuthorId` had replied in the thread (the statement starts
 * after `takePosition` locked the thread, so every earlier reply is seen; the
 * new post itself is not), and `also`, other modules' published fragments
 * about the author (the ranks' badge).
 */
export async function insertReply<Also extends Record<string, SQL<boolean>>>(
  tx: DbOrTx,
  values: typeof posts.$inferInsert,
  threadAuthorId: number,
  also: Also,
): Promise<{ post: PostRow; author: AuthorRow; staffReplied: boolean } & { [K in keyof Also]: boolean }> {
  const made = tx.$with('new_post').as(tx.insert(posts).values(values).returning());
  const post = Object.fromEntries(
    Object.keys(getTableColumns(posts)).map((k) => [k, made[k as keyof PostRow]]),
  ) as typeof made._.selectedFields;
  const [row] = await tx
    .with(made)
    .select({ post, author: authorColumns, staffReplied: staffReplyExistsSql(made.threadId, sql`${threadAuthorId}::integer`), ...also })
    .from(made)
    .innerJoin(users, eq(users.id, made.authorId));
  return row as unknown as { post: PostRow; author: AuthorRow; staffReplied: boolean } & { [K in keyof Also]: boolean };
}

export async function findPostInThread(db: DbOrTx, threadId: number, postId: number): Promise<PostRow | undefined> {
  const [row] = await db
    .select()
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.threadId, threadId)))
    .limit(1);
  return row;
}

export async function findOpeningPost(db: DbOrTx, threadId: number): Promise<PostRow | undefined> {
  const [row] = await db
    .select()
    .from(posts)
    .where(and(eq(posts.threadId, threadId), eq(posts.position, 1)))
    .limit(1);
  return row;
}

/** A page of a thread's posts (numbered `from` to `to`), in order, with their authors and files: one statement, the same for every reader. */
export async function findPostRange(db: DbOrTx, threadId: number, from: number, to: number) {
  return db
    .select({ post: posts, author: authorColumns, attachments: postAttachmentsJsonSql(posts.id) })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(and(eq(posts.threadId, threadId), between(posts.position, from, to)))
    .orderBy(asc(posts.position));
}

/**
 * What `userId` did to a page of posts and its thread, in one statement: the
 * posts of `postIds` they liked (each a probe of `post_likes`' key), and
 * `voted` (the tracker's fragment: their vote for the thread's issue).
 */
export async function findReaderMarks(
  db: DbOrTx,
  userId: number,
  postIds: readonly number[],
  voted: SQL<boolean>,
): Promise<{ liked: number[]; voted: boolean }> {
  // The ids as one array literal: one statement text whatever the page's length.
  const ids = `{${postIds.join(',')}}`;
  const [row] = rowsOf<{ liked: number[] | null; voted: boolean }>(
    await db.execute(
      sql`select (select json_agg(${postLikes.postId}) from ${postLikes}
          where ${postLikes.userId} = ${userId} and ${postLikes.postId} = any(${ids}::int[])) as liked, ${voted} as voted`,
    ),
  );
  return { liked: row?.liked ?? [], voted: row?.voted === true };
}

/** A public staff reply (not by `exceptUserId`) exists in the thread: the author may then answer the resolution prompt. */
/** Whether staff (other than `exceptUserId`) wrote a visible post in the thread, for a one-statement read. */
export const staffReplyExistsSql = (threadId: SQL | AnyPgColumn, exceptUserId: SQL | AnyPgColumn): SQL<boolean> =>
  sql<boolean>`exists (select 1 from ${posts} sr_p where sr_p.thread_id = ${threadId} and sr_p.kind = 'post'
    and ${isStaffRoleSql(sql`sr_p.author_role`)} and sr_p.deleted_at is null and sr_p.author_id <> ${exceptUserId})`;

export async function staffReplyExists(db: DbOrTx, threadId: number, exceptUserId: number): Promise<boolean> {
  const rows = await db
    .select({ id: posts.id })
    .from(posts)
    .where(
      and(
        eq(posts.threadId, threadId),
        eq(posts.kind, 'post'),
        isStaffRoleSql(posts.authorRole),
        sql`${posts.deletedAt} is null`,
        ne(posts.authorId, exceptUserId),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function likedBy(db: DbOrTx, postId: number, userId: number): Promise<boolean> {
  const rows = await db
    .select({ one: sql`1` })
    .from(postLikes)
    .where(and(eq(postLikes.postId, postId), eq(postLikes.userId, userId)));
  return rows.length > 0;
}

/** Adds or withdraws a like; answers whether anything changed (likes are idempotent). */
export async function setLikeRow(tx: DbOrTx, postId: number, userId: number, like: boolean, at: Date): Promise<boolean> {
  const changed = like
    ? await tx.insert(postLikes).values({ postId, userId, createdAt: at }).onConflictDoNothing().returning({ postId: postLikes.postId })
    : await tx
        .delete(postLikes)
        .where(and(eq(postLikes.postId, postId), eq(postLikes.userId, userId)))
        .returning({ postId: postLikes.postId });
  return changed.length > 0;
}

export async function addPostLikes(tx: DbOrTx, postId: number, delta: number): Promise<number> {
  const [row] = await tx
    .update(posts)
    .set({ likeCount: sql`${posts.likeCount} + ${delta}` })
    .where(eq(posts.id, postId))
    .returning({ likeCount: posts.likeCount });
  return row!.likeCount;
}

export async function findLikeCount(db: DbOrTx, postId: number): Promise<number> {
  const [row] = await db.select({ likeCount: posts.likeCount }).from(posts).where(eq(posts.id, postId));
  return row!.likeCount;
}

export async function insertRevision(tx: DbOrTx, values: typeof postRevisions.$inferInsert): Promise<void> {
  await tx.insert(postRevisions).values(values);
}

export async function findRevisionRows(db: DbOrTx, postId: number) {
  return db
    .select({ revision: postRevisions, editor: authorColumns })
    .from(postRevisions)
    .innerJoin(users, eq(users.id, postRevisions.editedBy))
    .where(eq(postRevisions.postId, postId))
    .orderBy(asc(postRevisions.id));
}

/** Posts of a thread as its board counts them: every post, deleted ones too (the board's count never went down), not system messages. */
export async function countBoardPosts(db: DbOrTx, threadId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(posts)
    .where(and(eq(posts.threadId, threadId), eq(posts.kind, 'post')));
  return Number(row?.n ?? 0);
}

/** One page of a user's replies that are their thread's accepted answer and readers can see, newest first. */
export async function findAcceptedAnswerRows(
  db: DbOrTx,
  userId: number,
  opts: { staff: boolean; after: { createdAt: Date; id: number } | null; limit: number },
) {
  return db
    .select({ postId: posts.id, threadId: threads.id, title: threads.title, createdAt: posts.createdAt })
    .from(threads)
    .innerJoin(posts, eq(posts.id, threads.acceptedPostId))
    .where(
      and(
        eq(posts.authorId, userId),
        isNull(posts.deletedAt),
        opts.staff ? undefined : and(isNull(posts.hiddenAt), isNull(threads.hiddenAt)),
        opts.after ? sql`(${posts.createdAt}, ${posts.id}) < (${opts.after.createdAt}, ${opts.after.id})` : undefined,
      ),
    )
    .orderBy(desc(posts.createdAt), desc(posts.id))
    .limit(opts.limit);
}
