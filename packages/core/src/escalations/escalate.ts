import type { Escalation, EscalateBody } from '@kakera/contracts';
import { isStaffRole } from '@kakera/contracts';
import { recordAudit } from '../audit/record-audit.ts';
import { loadVisibleThread } from '../forum/get-thread.ts';
import { notify } from '../notifications/notify.ts';
import { requireStaff, type Actor } from '../shared/actor.ts';
import { AppError, forbidden } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { canEscalate } from '../tracker/issue-policy.ts';
import { findIssueRefByKey } from '../tracker/issue-reads.ts';
import { findUserRole } from '../users/find-user-refs.ts';
import { countOpenFor, insertEscalation } from './escalations.repo.ts';
import { toEscalations } from './escalation-view.ts';

/**
 * Any staff member escalates a thread or an issue to a named owner or an
 * executive, with a note: it sits in their inbox (and the header's count)
 * until they acknowledge it, and the digest lists it meanwhile.
 */
export async function escalate(deps: Deps, actor: Actor, input: EscalateBody): Promise<Escalation> {
  const user = requireStaff(actor);
  if (!canEscalate(actor)) throw forbidden();
  const to = await findUserRole(deps.db, input.toUserId);
  if (!to || !isStaffRole(to.role) || to.suspendedAt) {
    throw new AppError('invalid_input', 'Escalate to a staff member or an executive', {
      fields: [{ path: 'toUserId', message: 'Not a staff member' }],
    });
  }
  let threadId: number | null = null;
  let issue: { id: number; key: string; title: string } | null = null;
  if (input.threadId !== undefined) threadId = (await loadVisibleThread(deps.db, actor, input.threadId)).id;
  else {
    issue = (await findIssueRefByKey(deps.db, input.issueKey!)) ?? null;
    if (!issue) throw new AppError('not_found', `No issue ${input.issueKey}`, { fields: [{ path: 'issueKey', message: 'No such issue' }] });
  }
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const made = await insertEscalation(tx, {
      threadId,
      issueId: issue?.id ?? null,
      fromUserId: user.id,
      toUserId: input.toUserId,
      note: input.note,
      createdAt: now,
    });
    await recordAudit(
      tx,
      actor,
      now,
      'escalation.created',
      { type: 'escalation', id: made.id },
      { threadId, issueKey: issue?.key, to: input.toUserId },
    );
    await notify(tx, deps, [input.toUserId], {
      kind: 'escalation.received',
      data: { id: made.id, from: user.name, note: input.note, threadId, issueKey: issue?.key ?? null },
      url: '/staff/inbox',
      dedupeKey: `escalation:${made.id}`,
      except: user.id,
    });
    const openCount = await countOpenFor(tx, input.toUserId);
    await deps.events.record(tx, 'escalation.changed', `user:${input.toUserId}`, { id: made.id, openCount }, { userId: input.toUserId });
    return made;
  });
  return (await toEscalations(deps.db, [row]))[0]!;
}
