import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { isStaffRole, type Post, type Thread } from '@kakera/contracts';
import { categories, obligations, postLikes, postRevisions, posts, threads, users, type DbOrTx } from '@kakera/db';
import { isStaff, requireActiveUser, type Actor } from '../shared/actor.ts';
import { AppError, forbidden, notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import { applyPostToObligation, recordObligationClosed } from '../sla/obligations.repo.ts';
import { toUserRef } from '../users/user-view.ts';
import { getThreadRecord, loadVisibleThread } from './threads.service.ts';
import { toPost } from './post-view.ts';
import { takePosition } from './positions.ts';

export { takePosition };

const authorColumns = { id: users.id, name: users.name, role: users.role, points: users.points };

async function loadPost(db: DbOrTx, actor: Actor, postId: number) {
  const [row] = await db
    .select({ post: posts, author: authorColumns, thread: threads })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(eq(posts.id, postId))
    .limit(1);
  const staff = isStaff(actor);
  if (!row || (row.thread.hiddenAt && !staff) || (row.post.hiddenAt && !staff)) throw notFound('Post');
  return row;
}

async function postView(deps: Deps, actor: Actor, postId: number): Promise<Post> {
  const row = await loadPost(deps.db, actor, postId);
  const viewerId = actor.kind === 'user' ? actor.id : 0;
  const liked = await deps.db
    .select({ one: sql`1` })
    .from(postLikes)
    .where(and(eq(postLikes.postId, postId), eq(postLikes.userId, viewerId)));
  return toPost(row.post, row.author, {
    staffViewer: isStaff(actor),
    likedByMe: liked.length > 0,
    acceptedPostId: row.thread.acceptedPostId,
  });
}

export async function createReply(deps: Deps, actor: Actor, threadId: number, body: string): Promise<Post> {
  const user = requireActiveUser(actor);
  const thread = await loadVisibleThread(deps.db, actor, threadId);
  if (thread.locked && !isStaffRole(user.role)) throw new AppError('thread_locked', 'This thread is locked');
  const now = deps.clock.now();
  const postId = await deps.db.transaction(async (tx) => {
    // First, so that concurrent replies queue on the thread row for their numbers.
    const { position, hidden } = await takePosition(tx, threadId, { replyCount: sql`${threads.replyCount} + 1`, lastActivityAt: now });
    const [post] = await tx
      .insert(posts)
      .values({
        threadId,
        authorId: user.id,
        authorRole: user.role,
        body,
        html: renderMarkdown(body),
        createdAt: now,
        position,
      })
      .returning();
    const [category] = await tx
      .update(categories)
      .set({ postCount: sql`${categories.postCount} + 1` })
      .where(eq(categories.id, thread.categoryId))
      .returning({ slaTargetSeconds: categories.slaTargetSeconds });
    await applyPostToObligation(
      tx,
      deps.events,
      {
        id: post!.id,
        threadId,
        categoryId: thread.categoryId,
        createdAt: now,
        authorId: user.id,
        authorTeamId: user.teamId,
        authorRole: user.role,
        kind: 'post',
      },
      category!.slaTargetSeconds,
    );
    const [author] = await tx.select(authorColumns).from(users).where(eq(users.id, user.id));
    const view = toPost(post!, author!, { staffViewer: false, likedByMe: false, acceptedPostId: null });
    await deps.events.record(
      tx,
      'post.created',
      `thread:${threadId}`,
      { threadId, categoryId: thread.categoryId, post: view },
      { staffOnly: hidden },
    );
    return post!.id;
  });
  return postView(deps, actor, postId);
}

/** Authors edit their own posts; staff may edit any. The previous body is kept as a revision. */
export async function editPost(deps: Deps, actor: Actor, postId: number, body: string): Promise<Post> {
  const user = requireActiveUser(actor);
  const row = await loadPost(deps.db, actor, postId);
  if (row.post.authorId !== user.id && !isStaff(actor)) throw forbidden('You can only edit your own posts');
  if (row.post.deletedAt) throw new AppError('conflict', 'This post was deleted');
  if (row.post.kind !== 'post') throw forbidden('System messages cannot be edited');
  if (row.post.body === body) return postView(deps, actor, postId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.insert(postRevisions).values({ postId, body: row.post.body, editedBy: user.id, createdAt: now });
    await tx
      .update(posts)
      .set({ body, html: renderMarkdown(body), editedAt: now })
      .where(eq(posts.id, postId));
    if (row.post.authorId !== user.id) {
      await recordAudit(tx, actor, now, 'post.edited', { type: 'post', id: postId });
    }
    await deps.events.record(
      tx,
      'post.updated',
      `thread:${row.post.threadId}`,
      { threadId: row.post.threadId, postId },
      { staffOnly: row.thread.hiddenAt !== null },
    );
  });
  return postView(deps, actor, postId);
}

export async function findRevisions(deps: Deps, actor: Actor, postId: number) {
  const row = await loadPost(deps.db, actor, postId);
  if (row.post.deletedAt && !isStaff(actor)) throw notFound('Post');
  const rows = await deps.db
    .select({ revision: postRevisions, editor: authorColumns })
    .from(postRevisions)
    .innerJoin(users, eq(users.id, postRevisions.editedBy))
    .where(eq(postRevisions.postId, postId))
    .orderBy(asc(postRevisions.id));
  return rows.map((r) => ({
    id: r.revision.id,
    body: r.revision.body,
    editedBy: toUserRef(r.editor),
    createdAt: r.revision.createdAt.toISOString(),
  }));
}

/**
 * Soft delete: the post keeps its place, staff can still read it. Deleting the
 * fan post that opened an obligation cancels that obligation.
 */
export async function deletePost(deps: Deps, actor: Actor, postId: number): Promise<Post> {
  const user = requireActiveUser(actor);
  const row = await loadPost(deps.db, actor, postId);
  if (row.post.authorId !== user.id && !isStaff(actor)) throw forbidden('You can only delete your own posts');
  if (row.post.deletedAt) return postView(deps, actor, postId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.update(posts).set({ deletedAt: now }).where(eq(posts.id, postId));
    if (row.post.position > 1) {
      await tx
        .update(threads)
        .set({ replyCount: sql`greatest(${threads.replyCount} - 1, 0)` })
        .where(eq(threads.id, row.post.threadId));
    }
    if (row.thread.acceptedPostId === postId) {
      await tx.update(threads).set({ acceptedPostId: null }).where(eq(threads.id, row.post.threadId));
    }
    const cancelled = await tx
      .update(obligations)
      .set({ status: 'cancelled', closedAt: now, closedBy: user.id, closedReason: 'post_deleted' })
      .where(and(eq(obligations.openedPostId, postId), eq(obligations.status, 'open')))
      .returning({ id: obligations.id });
    for (const o of cancelled) {
      await recordObligationClosed(tx, deps.events, {
        obligationId: o.id,
        threadId: row.post.threadId,
        categoryId: row.thread.categoryId,
        state: 'cancelled',
        staffOnly: row.thread.hiddenAt !== null,
      });
    }
    if (row.post.authorId !== user.id) await recordAudit(tx, actor, now, 'post.deleted', { type: 'post', id: postId });
    await deps.events.record(
      tx,
      'post.updated',
      `thread:${row.post.threadId}`,
      { threadId: row.post.threadId, postId },
      { staffOnly: row.thread.hiddenAt !== null },
    );
  });
  return postView(deps, actor, postId);
}

/** Likes are idempotent: liking twice counts once; withdrawing a like that is not there changes nothing. */
export async function setLike(deps: Deps, actor: Actor, postId: number, like: boolean): Promise<{ likeCount: number; liked: boolean }> {
  const user = requireActiveUser(actor);
  const row = await loadPost(deps.db, actor, postId);
  if (row.post.deletedAt || row.post.kind !== 'post') throw new AppError('conflict', 'This post cannot be liked');
  if (like && row.post.authorId === user.id) throw forbidden('You cannot like your own post');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const changed = like
      ? await tx
          .insert(postLikes)
          .values({ postId, userId: user.id, createdAt: now })
          .onConflictDoNothing()
          .returning({ postId: postLikes.postId })
      : await tx
          .delete(postLikes)
          .where(and(eq(postLikes.postId, postId), eq(postLikes.userId, user.id)))
          .returning({ postId: postLikes.postId });
    const delta = changed.length ? (like ? 1 : -1) : 0;
    let likeCount: number;
    if (delta) {
      const [updated] = await tx
        .update(posts)
        .set({ likeCount: sql`${posts.likeCount} + ${delta}` })
        .where(eq(posts.id, postId))
        .returning({ likeCount: posts.likeCount });
      likeCount = updated!.likeCount;
      await tx
        .update(threads)
        .set({ likeCount: sql`${threads.likeCount} + ${delta}` })
        .where(eq(threads.id, row.post.threadId));
      await tx
        .update(users)
        .set({ points: sql`greatest(${users.points} + ${delta}, 0)` })
        .where(eq(users.id, row.post.authorId));
      await deps.events.record(
        tx,
        'post.liked',
        `thread:${row.post.threadId}`,
        { threadId: row.post.threadId, postId, likeCount },
        { staffOnly: row.thread.hiddenAt !== null },
      );
    } else {
      const [current] = await tx.select({ likeCount: posts.likeCount }).from(posts).where(eq(posts.id, postId));
      likeCount = current!.likeCount;
    }
    return { likeCount, liked: like };
  });
}

/** The thread's author or staff mark one reply as the solution (or clear it with null). */
export async function setAcceptedAnswer(deps: Deps, actor: Actor, threadId: number, postId: number | null): Promise<Thread> {
  const user = requireActiveUser(actor);
  const thread = await loadVisibleThread(deps.db, actor, threadId);
  if (thread.authorId !== user.id && !isStaff(actor)) throw forbidden('Only the thread’s author or staff can accept an answer');
  if (postId !== null) {
    const [post] = await deps.db
      .select()
      .from(posts)
      .where(and(eq(posts.id, postId), eq(posts.threadId, threadId)))
      .limit(1);
    if (!post || post.deletedAt || post.hiddenAt || post.kind !== 'post' || post.position === 1) {
      throw new AppError('invalid_input', 'Only a visible reply in this thread can be accepted', {
        fields: [{ path: 'postId', message: 'Not a reply in this thread' }],
      });
    }
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.update(threads).set({ acceptedPostId: postId }).where(eq(threads.id, threadId));
    if (thread.authorId !== user.id) {
      await recordAudit(
        tx,
        actor,
        now,
        postId ? 'thread.answer_accepted' : 'thread.answer_unaccepted',
        { type: 'thread', id: threadId },
        { postId },
      );
    }
    await deps.events.record(
      tx,
      'thread.solved',
      `thread:${threadId}`,
      { threadId, acceptedPostId: postId, solved: postId !== null || thread.resolvedByAuthor === true },
      { staffOnly: thread.hiddenAt !== null },
    );
  });
  return getThreadRecord(deps, actor, threadId);
}

/** "Did this solve your problem?": the thread's author answers, once a staff member has replied. */
export async function setResolution(deps: Deps, actor: Actor, threadId: number, solved: boolean): Promise<Thread> {
  const user = requireActiveUser(actor);
  const thread = await loadVisibleThread(deps.db, actor, threadId);
  if (thread.authorId !== user.id) throw forbidden('Only the thread’s author can answer this');
  const staffReply = await deps.db
    .select({ id: posts.id })
    .from(posts)
    .where(
      and(
        eq(posts.threadId, threadId),
        eq(posts.kind, 'post'),
        sql`${posts.authorRole} in ('staff','executive','admin')`,
        sql`${posts.deletedAt} is null`,
        ne(posts.authorId, user.id),
      ),
    )
    .limit(1);
  if (!staffReply.length) throw new AppError('conflict', 'You can answer this after a staff member has replied');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.update(threads).set({ resolvedByAuthor: solved, resolvedAt: now }).where(eq(threads.id, threadId));
    await deps.events.record(
      tx,
      'thread.solved',
      `thread:${threadId}`,
      { threadId, acceptedPostId: thread.acceptedPostId, solved: solved || thread.acceptedPostId !== null },
      { staffOnly: thread.hiddenAt !== null },
    );
  });
  return getThreadRecord(deps, actor, threadId);
}
