import type { Post } from '@kakera/contracts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireActiveUser, type Actor } from '../shared/actor.ts';
import { forbidden } from '../shared/app-error.ts';
import { indexPost } from '../search/index-post.ts';
import type { Deps } from '../shared/deps.ts';
import { cancelOpenObligations } from '../sla/cancel-open-obligations.ts';
import { getPost, loadVisiblePost } from './get-thread.ts';
import { canDeletePost } from './post-policy.ts';
import { updatePost } from './posts.repo.ts';
import { postFacts } from './post-view.ts';
import { removeReply, updateThread } from './threads.repo.ts';

/**
 * Soft delete: the post keeps its place, staff can still read it. Deleting the
 * fan post that opened an obligation cancels that obligation. Deleting again
 * changes nothing.
 */
export async function deletePost(deps: Deps, actor: Actor, postId: number): Promise<Post> {
  const user = requireActiveUser(actor);
  const row = await loadVisiblePost(deps.db, actor, postId);
  if (row.post.deletedAt) {
    if (row.post.authorId !== user.id && !canDeletePost(actor, { ...postFacts(row.post), deleted: false })) {
      throw forbidden('You can only delete your own posts');
    }
    return getPost(deps, actor, postId);
  }
  if (!canDeletePost(actor, postFacts(row.post))) throw forbidden('You can only delete your own posts');
  const now = deps.clock.now();
  const staffOnly = row.thread.hiddenAt !== null;
  await deps.db.transaction(async (tx) => {
    await updatePost(tx, postId, { deletedAt: now });
    await indexPost(tx, postId);
    if (row.post.position > 1) await removeReply(tx, row.post.threadId);
    if (row.thread.acceptedPostId === postId) await updateThread(tx, row.post.threadId, { acceptedPostId: null });
    await cancelOpenObligations(tx, deps.events, { openedPostId: postId }, { userId: user.id, at: now, reason: 'post_deleted', staffOnly });
    if (row.post.authorId !== user.id) await recordAudit(tx, actor, now, 'post.deleted', { type: 'post', id: postId });
    await deps.events.record(tx, 'post.updated', `thread:${row.post.threadId}`, { threadId: row.post.threadId, postId }, { staffOnly });
  });
  return getPost(deps, actor, postId);
}
