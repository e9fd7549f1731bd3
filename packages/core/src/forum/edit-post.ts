import type { Post } from '@kakera/contracts';
import { recordAudit } from '../audit/record-audit.ts';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import { indexPost } from '../search/index-post.ts';
import { requireActiveUser, type Actor } from '../shared/actor.ts';
import { AppError, forbidden } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { getPost, loadVisiblePost } from './get-thread.ts';
import { canEditPost } from './post-policy.ts';
import { insertRevision, updatePost } from './posts.repo.ts';
import { postFacts } from './post-view.ts';

/** Authors edit their own posts; staff may edit any (audited). The previous body is kept as a revision. */
export async function editPost(deps: Deps, actor: Actor, postId: number, body: string): Promise<Post> {
  const user = requireActiveUser(actor);
  const row = await loadVisiblePost(deps.db, actor, postId);
  if (!canEditPost(actor, { ...postFacts(row.post), deleted: false, kind: 'post' })) throw forbidden('You can only edit your own posts');
  if (row.post.deletedAt) throw new AppError('conflict', 'This post was deleted');
  if (row.post.kind !== 'post') throw forbidden('System messages cannot be edited');
  if (row.post.body === body) return getPost(deps, actor, postId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await insertRevision(tx, { postId, body: row.post.body, editedBy: user.id, createdAt: now });
    await updatePost(tx, postId, { body, html: renderMarkdown(body), editedAt: now });
    await indexPost(tx, postId);
    if (row.post.authorId !== user.id) await recordAudit(tx, actor, now, 'post.edited', { type: 'post', id: postId });
    await deps.events.record(
      tx,
      'post.updated',
      `thread:${row.post.threadId}`,
      { threadId: row.post.threadId, postId },
      { staffOnly: row.thread.hiddenAt !== null },
    );
  });
  return getPost(deps, actor, postId);
}
