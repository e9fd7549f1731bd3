import { loadVisibleThread } from '../forum/get-thread.ts';
import { requireStaff, type Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { findSimilarIssues } from './find-similar-issues.ts';
import { promoteDraft } from './promote-draft.ts';

/** The promote dialog: the issue as the thread would make it, and the most similar existing issues first. */
export async function findPromoteDraft(deps: Deps, actor: Actor, threadId: number, postId: number | null) {
  requireStaff(actor);
  const thread = await loadVisibleThread(deps.db, actor, threadId);
  const draft = await promoteDraft(deps.db, thread, postId);
  const similar = await findSimilarIssues(deps, actor, draft.title, 5);
  return {
    draft: {
      title: draft.title,
      type: draft.type,
      component: draft.component,
      affectedVersion: draft.affectedVersion,
      description: draft.description,
    },
    similar,
  };
}
