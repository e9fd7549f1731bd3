import type { Thread } from '@kakera/contracts';
import { recordAudit } from '../audit/record-audit.ts';
import { countInCategory } from '../categories/count-in-category.ts';
import { findCategoryRow } from '../categories/find-categories.ts';
import { requireStaff, type Actor } from '../shared/actor.ts';
import { AppError, forbidden, notFound } from '../shared/app-error.ts';
import { indexThreadState } from '../search/index-thread-state.ts';
import type { Deps } from '../shared/deps.ts';
import { retargetOpenObligation } from '../sla/retarget-obligation.ts';
import { getThreadRecord } from './get-thread.ts';
import { recordThreadChanged } from './record-thread-changed.ts';
import { canModerate } from './thread-policy.ts';
import { countBoardPosts } from './posts.repo.ts';
import { lockThreadRow, updateThread } from './threads.repo.ts';

/**
 * Staff move a thread to another board: its counts go with it, and its open
 * response obligation takes the new board's target (sla/retarget-obligation.ts).
 * Audited; readers of both boards see it go and arrive.
 */
export async function moveThread(deps: Deps, actor: Actor, threadId: number, categoryId: number): Promise<Thread> {
  requireStaff(actor);
  if (!canModerate(actor)) throw forbidden();
  const target = await findCategoryRow(deps.db, categoryId);
  if (!target) throw new AppError('not_found', 'Category not found', { fields: [{ path: 'categoryId', message: 'No such category' }] });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const thread = await lockThreadRow(tx, threadId);
    if (!thread) throw notFound('Thread');
    if (thread.categoryId === categoryId) return;
    const posts = await countBoardPosts(tx, threadId);
    await countInCategory(tx, thread.categoryId, { threads: -1, posts: -posts });
    await countInCategory(tx, categoryId, { threads: 1, posts });
    await updateThread(tx, threadId, { categoryId });
    await indexThreadState(tx, threadId);
    await retargetOpenObligation(tx, deps.events, threadId, categoryId, target.slaTargetSeconds);
    await recordAudit(tx, actor, now, 'thread.moved', { type: 'thread', id: threadId }, { from: thread.categoryId, to: categoryId });
    await recordThreadChanged(tx, deps, { ...thread, categoryId }, thread.categoryId);
  });
  return getThreadRecord(deps, actor, threadId);
}
