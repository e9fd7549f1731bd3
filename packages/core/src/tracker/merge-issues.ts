import type { Issue } from '@kakera/contracts';
import { recordAudit } from '../audit/record-audit.ts';
import { createSystemPost } from '../forum/create-system-post.ts';
import { requireStaff, type Actor } from '../shared/actor.ts';
import { AppError, forbidden, notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { canMerge } from './issue-policy.ts';
import { toIssue } from './issue-view.ts';
import { checkMove } from './issue-workflow.ts';
import { findIssueById, insertChanges, lockIssueByKey, moveVotes, recountVotes, relinkThreads, updateIssueRow } from './issues.repo.ts';
import { recordIssueChanged } from './record-issue-change.ts';

/**
 * Merge issue B into A (product.md): B becomes `duplicate` of A, B's threads
 * are linked to A, B's voters vote for A — each fan counted once — and both
 * histories say so. Into itself, into a duplicate, or anything that would
 * make a cycle is refused.
 */
export async function mergeIssues(deps: Deps, actor: Actor, key: string, intoKey: string): Promise<Issue> {
  const user = requireStaff(actor);
  if (!canMerge(actor)) throw forbidden();
  if (key === intoKey)
    throw new AppError('conflict', 'An issue cannot be merged into itself', { fields: [{ path: 'intoKey', message: 'Same issue' }] });
  const now = deps.clock.now();
  const intoId = await deps.db.transaction(async (tx) => {
    // Both rows locked, in a fixed order so that two crossed merges cannot deadlock.
    const [first, second] = [key, intoKey].sort();
    const locked = new Map([
      [first!, await lockIssueByKey(tx, first!)],
      [second!, await lockIssueByKey(tx, second!)],
    ]);
    const b = locked.get(key);
    const a = locked.get(intoKey);
    if (!b) throw notFound('Issue');
    if (!a) throw new AppError('not_found', `No issue ${intoKey}`, { fields: [{ path: 'intoKey', message: 'No such issue' }] });
    if (b.status === 'duplicate') throw new AppError('conflict', `${b.key} is already a duplicate`);
    if (a.status === 'duplicate') {
      const target = a.duplicateOfId ? await findIssueById(tx, a.duplicateOfId) : undefined;
      throw new AppError('conflict', `${a.key} is a duplicate of ${target?.key}: merge into that`, { intoKey: target?.key });
    }
    const move = checkMove(b.status, 'duplicate', { merging: true });
    if (!move.ok) throw new AppError('conflict', move.reason);
    const moved = await relinkThreads(tx, b.id, a.id);
    const votesMoved = await moveVotes(tx, b.id, a.id);
    await updateIssueRow(tx, b.id, { status: 'duplicate', duplicateOfId: a.id, voteCount: 0, updatedAt: now });
    await recountVotes(tx, a.id);
    const merged = await updateIssueRow(tx, a.id, { updatedAt: now });
    await insertChanges(tx, b.id, user.id, now, [
      { field: 'status', from: b.status, to: 'duplicate' },
      { field: 'merged_into', from: null, to: a.key },
    ]);
    await insertChanges(tx, a.id, user.id, now, [
      { field: 'merged_from', from: null, to: b.key },
      ...moved.map((t) => ({ field: 'linked', from: null, to: `thread:${t}` })),
      { field: 'votes_moved', from: null, to: String(votesMoved) },
    ]);
    for (const threadId of moved) {
      await createSystemPost(tx, deps, {
        threadId,
        author: { id: user.id, role: user.role, teamId: user.teamId },
        body: `Issue ${b.key} was merged into [${a.key}](/issues/${a.key}): ${a.title}`,
      });
    }
    await recordAudit(tx, actor, now, 'issue.merged', { type: 'issue', id: b.key }, { into: a.key, threads: moved, votesMoved });
    await recordIssueChanged(tx, deps, (await findIssueById(tx, b.id))!);
    await recordIssueChanged(tx, deps, merged);
    return a.id;
  });
  return toIssue(deps.db, (await findIssueById(deps.db, intoId))!, actor, deps.clock.now());
}
