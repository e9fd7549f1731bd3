import { requireActiveUser, type Actor } from '../shared/actor.ts';
import { AppError, forbidden } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { awardPoints, revokePoints } from '../ranks/award-points.ts';
import { loadVisiblePost } from './get-thread.ts';
import { addPostLikes, findLikeCount, setLikeRow } from './posts.repo.ts';
import { addThreadLikes } from './threads.repo.ts';

/**
 * Likes are idempotent: liking twice counts once; withdrawing a like that is
 * not there changes nothing. A like received earns its author points; a
 * withdrawn one takes them back.
 */
export async function setLike(deps: Deps, actor: Actor, postId: number, like: boolean): Promise<{ likeCount: number; liked: boolean }> {
  const user = requireActiveUser(actor);
  const row = await loadVisiblePost(deps.db, actor, postId);
  if (row.post.deletedAt || row.post.kind !== 'post') throw new AppError('conflict', 'This post cannot be liked');
  if (like && row.post.authorId === user.id) throw forbidden('You cannot like your own post');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const changed = await setLikeRow(tx, postId, user.id, like, now);
    if (!changed) return { likeCount: await findLikeCount(tx, postId), liked: like };
    const delta = like ? 1 : -1;
    const likeCount = await addPostLikes(tx, postId, delta);
    await addThreadLikes(tx, row.post.threadId, delta);
    // A like earns its post's author points once; withdrawing it takes them back (no farming by re-liking).
    const source = `like:${postId}:${user.id}`;
    if (like) await awardPoints(tx, deps, { userId: row.post.authorId, reason: 'likeReceived', source });
    else await revokePoints(tx, deps, { userId: row.post.authorId, reason: 'likeWithdrawn', source });
    await deps.events.record(
      tx,
      'post.liked',
      `thread:${row.post.threadId}`,
      { threadId: row.post.threadId, postId, likeCount },
      { staffOnly: row.thread.hiddenAt !== null },
    );
    return { likeCount, liked: like };
  });
}
