import type { Post, Thread } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/app-error.ts';
import { toPostAttachments } from '../attachments/attachment-reads.ts';
import { findPostAttachments } from '../attachments/find-post-attachments.ts';
import type { Deps } from '../shared/deps.ts';
import { findOpeningPost, findPostInThread, findPostRange, findPostWithThread, likedBy } from './posts.repo.ts';
import { toPost } from './post-view.ts';
import { canReadThread } from './thread-policy.ts';
import { describeThread, findDescribedThread } from './thread-view.ts';
import { findThreadRow, type ThreadRow } from './threads.repo.ts';

export type { ThreadRow };
export { isSolved } from './thread-reads.ts';

/** The thread row, or not found for readers who may not see it. */
export async function loadVisibleThread(db: DbOrTx, actor: Actor, id: number): Promise<ThreadRow> {
  const row = await findThreadRow(db, id);
  if (!row || !canReadThread(actor, row)) throw notFound('Thread');
  return row;
}

/** A post with its author and thread, or not found for readers who may not see it (a hidden thread or post). */
export async function loadVisiblePost(db: DbOrTx, actor: Actor, postId: number) {
  const row = await findPostWithThread(db, postId);
  if (!row || !canReadThread(actor, row.thread) || !canReadThread(actor, row.post)) throw notFound('Post');
  return row;
}

export async function getThreadRecord(deps: Deps, actor: Actor, id: number): Promise<Thread> {
  return describeThread(deps, await loadVisibleThread(deps.db, actor, id), actor);
}

/** A post of a thread (the opening post when `postId` is null), as stored: for other modules that quote it. */
export async function findPostRow(db: DbOrTx, threadId: number, postId: number | null) {
  return postId === null ? findOpeningPost(db, threadId) : findPostInThread(db, threadId, postId);
}

/** One post as `actor` sees it. */
export async function getPost(deps: Deps, actor: Actor, postId: number): Promise<Post> {
  const row = await loadVisiblePost(deps.db, actor, postId);
  const [liked, files] = await Promise.all([
    actor.kind === 'user' ? likedBy(deps.db, postId, actor.id) : false,
    findPostAttachments(deps.db, [postId]),
  ]);
  return toPost(row.post, row.author, actor, row.thread, liked, files.get(postId));
}

/**
 * A thread with one page of its posts, by number: page `page` holds positions
 * `(page - 1) * limit + 1` to `page * limit`, so it is the same page for every
 * reader (deleted and hidden posts keep their place). With `post`, the page
 * that holds that post; a post of another thread is not found. A page past the
 * end is empty, with `pageCount` saying where the thread ends.
 */
export async function getThread(
  deps: Deps,
  actor: Actor,
  id: number,
  query: { page: number; limit: number; post?: number | undefined },
): Promise<{ thread: Thread; posts: Post[]; page: number; pageCount: number; perPage: number }> {
  // Two statements: the thread with everything around it, then the page of posts with their files.
  const found = await findDescribedThread(deps, id, actor);
  if (!found || !canReadThread(actor, found.row)) throw notFound('Thread');
  const { row, thread } = found;
  const { limit } = query;
  let page = query.page;
  let pageCount = Math.max(1, Math.ceil(row.lastPosition / limit));
  if (query.post !== undefined) {
    const target = await findPostInThread(deps.db, id, query.post);
    if (!target) throw notFound('Post');
    page = Math.ceil(target.position / limit);
    // A reply that landed after the thread row was read may sit on a later page.
    pageCount = Math.max(pageCount, page);
  }
  const viewerId = actor.kind === 'user' ? actor.id : 0;
  const rows = page > pageCount ? [] : await findPostRange(deps.db, id, (page - 1) * limit + 1, page * limit, viewerId);
  return {
    thread,
    posts: rows.map((r) => toPost(r.post, r.author, actor, row, Boolean(r.likedByMe), toPostAttachments(r.attachments))),
    page,
    pageCount,
    perPage: limit,
  };
}
