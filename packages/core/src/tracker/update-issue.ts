import type { Issue, IssueStatus, UpdateIssueBody } from '@kakera/contracts';
import { isStaffRole } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import { recordAudit } from '../audit/record-audit.ts';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import { similarityTokens } from '../search/similarity-tokens.ts';
import { requireStaff, type Actor, type UserActor } from '../shared/actor.ts';
import { AppError, forbidden, notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { findUserRole } from '../users/find-user-refs.ts';
import { rewardAdoption, rewardConfirmedBug } from './adopt-issue.ts';
import { closeTheLoop } from './close-the-loop.ts';
import { canTriage } from './issue-policy.ts';
import { toIssue } from './issue-view.ts';
import { checkMove } from './issue-workflow.ts';
import { findIssueById, insertChanges, lockIssueByKey, updateIssueRow, type IssueRow } from './issues.repo.ts';
import { recordIssueChanged } from './record-issue-change.ts';

const FIELDS = [
  'title',
  'type',
  'severity',
  'priority',
  'component',
  'labels',
  'affectedVersion',
  'fixedInVersion',
  'description',
] as const;
const show = (v: unknown): string | null => (v === null || v === undefined ? null : Array.isArray(v) ? v.join(', ') : String(v));

/**
 * Triage: staff change an issue's fields and status. A status move outside
 * the workflow is refused (409, with the reason); every change goes to the
 * history (who, when, from, to); a status change closes the loop (a system
 * message in each linked thread, notifications to reporters and voters) and
 * may adopt the issue. Everyone looking sees it change, live.
 */
export async function updateIssue(deps: Deps, actor: Actor, key: string, input: UpdateIssueBody): Promise<Issue> {
  const user = requireStaff(actor);
  if (!canTriage(actor)) throw forbidden();
  if (input.assigneeId !== undefined && input.assigneeId !== null) await requireStaffMember(deps.db, input.assigneeId);
  const id = await deps.db.transaction(async (tx) => (await applyIssueUpdate(tx, deps, user, key, input)).id);
  const row = await findIssueById(deps.db, id);
  return toIssue(deps.db, row!, actor, deps.clock.now());
}

/** The update inside the caller's transaction (bulk updates run one per issue). */
export async function applyIssueUpdate(tx: DbOrTx, deps: Deps, user: UserActor, key: string, input: UpdateIssueBody): Promise<IssueRow> {
  const now = deps.clock.now();
  const before = await lockIssueByKey(tx, key);
  if (!before) throw notFound('Issue');
  const changes: { field: string; from: string | null; to: string | null }[] = [];
  const set: Partial<IssueRow> = {};
  for (const f of FIELDS) {
    const next = input[f];
    if (next === undefined || show(next) === show(before[f])) continue;
    changes.push({ field: f, from: show(before[f]), to: show(next) });
    (set as Record<string, unknown>)[f] = next;
  }
  if (input.assigneeId !== undefined && input.assigneeId !== before.assigneeId) {
    changes.push({ field: 'assignee', from: show(before.assigneeId), to: show(input.assigneeId) });
    set.assigneeId = input.assigneeId;
  }
  const from = before.status as IssueStatus;
  if (input.status !== undefined && input.status !== from) {
    const move = checkMove(from, input.status);
    if (!move.ok)
      throw new AppError('conflict', move.reason, { fields: [{ path: 'status', message: move.reason }], from, to: input.status });
    changes.push({ field: 'status', from, to: input.status });
    set.status = input.status;
  }
  if (!changes.length) return before;
  if (set.title !== undefined) set.titleTokens = similarityTokens(set.title);
  if (set.description !== undefined) set.descriptionHtml = renderMarkdown(set.description);
  const after = await updateIssueRow(tx, before.id, { ...set, updatedAt: now });
  await insertChanges(tx, before.id, user.id, now, changes);
  await recordAudit(tx, user, now, 'issue.updated', { type: 'issue', id: key }, { changes });
  if (set.status !== undefined) {
    await closeTheLoop(tx, deps, user, after, from, `${from}>${set.status}@${now.toISOString()}`);
    await rewardAdoption(tx, deps, after);
    await rewardConfirmedBug(tx, deps, after);
  }
  await recordIssueChanged(tx, deps, after);
  return after;
}

export async function requireStaffMember(db: DbOrTx, userId: number): Promise<void> {
  const person = await findUserRole(db, userId);
  if (!person || !isStaffRole(person.role) || person.suspendedAt) {
    throw new AppError('invalid_input', 'Issues are assigned to staff', {
      fields: [{ path: 'assigneeId', message: 'Not a staff member' }],
    });
  }
}
