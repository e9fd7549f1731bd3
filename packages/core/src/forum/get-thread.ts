import type { Post, Thread } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/app-error.ts';
import { findPostAttachments } from '../attachments/find-post-attachments.ts';
import type { Deps } from '../shared/deps.ts';
import { findOpeningPost, findPostInThread, findPostWithThread, likedBy } from './posts.repo.ts';
import { toPost } from './post-view.ts';
import { canReadThread } from './thread-policy.ts';
import { findSharedThreadPage } from './find-shared-thread-page.ts';
import { findThreadPageMarks } from './find-thread-page-marks.ts';
import { joinThreadPage, threadPageReaderParts } from './thread-page-view.ts';
import { describeThread } from './thread-view.ts';
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
 * A thread with one page of its posts as `actor` reads it
 * (`findSharedThreadPage`, with their own parts: `threadPageReaderParts`).
 */
export async function getThread(
  deps: Deps,
  actor: Actor,
  id: number,
  query: { page: number; limit: number; post?: number | undefined },
): Promise<{ thread: Thread; posts: Post[]; page: number; pageCount: number; perPage: number }> {
  const shared = await findSharedThreadPage(deps, actor, id, query);
  return joinThreadPage(shared, threadPageReaderParts(actor, shared.facts, await findThreadPageMarks(deps, actor, shared.facts)));
}
