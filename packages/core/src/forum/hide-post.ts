import type { Post } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import { recordAudit } from '../audit/record-audit.ts';
import { requireStaff, type Actor, type UserActor } from '../shared/actor.ts';
import { AppError, forbidden, notFound } from '../shared/app-error.ts';
import { indexPost } from '../search/index-post.ts';
import type { Deps } from '../shared/deps.ts';
import { cancelOpenObligations } from '../sla/cancel-open-obligations.ts';
import { getPost, loadVisiblePost } from './get-thread.ts';
import { canHidePost } from './post-policy.ts';
import { postFacts } from './post-view.ts';
import { findPostWithThread, updatePost } from './posts.repo.ts';
import { lockThreadRow } from './threads.repo.ts';

/**
 * Staff hide a post (spam, abuse…) with a reason: it keeps its place, fans
 * see "hidden by a moderator" instead of its words, search drops it, and the
 * obligation it opened (a fan's question) is cancelled — nobody owes spam an
 * answer. Counts are kept, so unhiding gives everything back. Audited.
 */
export async function hidePost(deps: Deps, actor: Actor, postId: number, input: { reason: string }): Promise<Post> {
  const user = requireStaff(actor);
  await loadHideable(deps.db, actor, postId);
  await deps.db.transaction((tx) => setPostHidden(tx, deps, user, postId, { hidden: true, reason: input.reason }));
  return getPost(deps, actor, postId);
}

/** Shows a hidden post again. A cancelled obligation stays cancelled. Audited. */
export async function unhidePost(deps: Deps, actor: Actor, postId: number): Promise<Post> {
  const user = requireStaff(actor);
  await loadHideable(deps.db, actor, postId);
  await deps.db.transaction((tx) => setPostHidden(tx, deps, user, postId, { hidden: false }));
  return getPost(deps, actor, postId);
}

async function loadHideable(db: DbOrTx, actor: Actor, postId: number) {
  const row = await loadVisiblePost(db, actor, postId);
  if (row.post.deletedAt) throw new AppError('conflict', 'This post was deleted');
  if (!canHidePost(actor, postFacts(row.post))) throw forbidden('Only posts can be hidden, not system messages');
  return row;
}

/**
 * Hides or shows a post inside the caller's transaction (the flag queue
 * resolves a flag by hiding its post in the same transaction). The thread row
 * is locked first, so two staff hiding at once leave one change and one audit
 * line. Answers whether anything changed.
 */
export async function setPostHidden(
  tx: DbOrTx,
  deps: Deps,
  user: UserActor,
  postId: number,
  change: { hidden: boolean; reason?: string },
): Promise<boolean> {
  const first = await findPostWithThread(tx, postId);
  if (!first) throw notFound('Post');
  await lockThreadRow(tx, first.post.threadId);
  const row = (await findPostWithThread(tx, postId))!;
  // Nothing to do: already so, or a deleted post (gone for fans either way; a flag on it is simply settled).
  if ((row.post.hiddenAt !== null) === change.hidden || row.post.deletedAt !== null) return false;
  const now = deps.clock.now();
  const staffOnly = row.thread.hiddenAt !== null;
  await updatePost(tx, postId, { hiddenAt: change.hidden ? now : null });
  await indexPost(tx, postId);
  const cancelled = change.hidden
    ? await cancelOpenObligations(tx, deps.events, { openedPostId: postId }, { userId: user.id, at: now, reason: 'post_hidden', staffOnly })
    : [];
  await recordAudit(
    tx,
    user,
    now,
    change.hidden ? 'post.hidden' : 'post.unhidden',
    { type: 'post', id: postId },
    change.hidden
      ? { reason: change.reason ?? '', threadId: row.post.threadId, cancelledObligations: cancelled }
      : { threadId: row.post.threadId },
  );
  await deps.events.record(tx, 'post.updated', `thread:${row.post.threadId}`, { threadId: row.post.threadId, postId }, { staffOnly });
  return true;
}
