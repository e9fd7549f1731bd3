import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { toUserRef } from '../users/user-view.ts';
import { loadVisiblePost } from './get-thread.ts';
import { canViewRevisions } from './post-policy.ts';
import { findRevisionRows } from './posts.repo.ts';
import { postFacts } from './post-view.ts';

/** A post's earlier versions, oldest first (a deleted post's, for staff only). */
export async function findRevisions(deps: Deps, actor: Actor, postId: number) {
  const row = await loadVisiblePost(deps.db, actor, postId);
  if (!canViewRevisions(actor, postFacts(row.post))) throw notFound('Post');
  const rows = await findRevisionRows(deps.db, postId);
  return rows.map((r) => ({
    id: r.revision.id,
    body: r.revision.body,
    editedBy: toUserRef(r.editor),
    createdAt: r.revision.createdAt.toISOString(),
  }));
}
