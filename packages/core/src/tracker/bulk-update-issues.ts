import type { UpdateIssueBody } from '@kakera/contracts';
import { requireStaff, type Actor } from '../shared/actor.ts';
import { AppError, forbidden } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { canTriage } from './issue-policy.ts';
import { applyIssueUpdate, requireStaffMember } from './update-issue.ts';

/**
 * The triage page's bulk update: the same change to many issues, each in its
 * own transaction, so one refused move (a status outside the workflow)
 * leaves the others done. Answers which were updated and which failed, why.
 */
export async function bulkUpdateIssues(deps: Deps, actor: Actor, keys: string[], set: UpdateIssueBody) {
  const user = requireStaff(actor);
  if (!canTriage(actor)) throw forbidden();
  // What would be wrong for every key is refused once, before any change.
  if (set.assigneeId !== undefined && set.assigneeId !== null) await requireStaffMember(deps.db, set.assigneeId);
  const updated: string[] = [];
  const failed: { key: string; code: string; message: string }[] = [];
  for (const key of [...new Set(keys)]) {
    try {
      await deps.db.transaction((tx) => applyIssueUpdate(tx, deps, user, key, set));
      updated.push(key);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      failed.push({ key, code: e.code, message: e.message });
    }
  }
  return { updated, failed };
}
