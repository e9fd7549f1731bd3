import type { SlaObligation } from '@kakera/contracts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireStaff, type Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { lockObligation } from './claim-obligation.ts';
import { getObligationView } from './obligation-view.ts';
import { updateObligation } from './obligations.repo.ts';
import { recordObligationClosed } from './record-obligation-closed.ts';

/**
 * Staff close an open obligation as "no response needed" (spam, a fan's
 * "thanks!"), with a reason. It is counted apart: never met, never breached,
 * whenever it is closed. The reason is kept on the row and in the audit log.
 */
export async function closeObligationAsNoResponseNeeded(
  deps: Deps,
  actor: Actor,
  id: number,
  input: { reason: string },
): Promise<SlaObligation> {
  const user = requireStaff(actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await lockObligation(tx, id);
    if (row.status !== 'open') throw new AppError('conflict', 'This obligation is no longer open');
    await updateObligation(tx, id, { status: 'no_response_needed', closedAt: now, closedBy: user.id, closedReason: input.reason });
    await recordAudit(tx, actor, now, 'obligation.closed', { type: 'obligation', id }, { reason: input.reason, threadId: row.threadId });
    await recordObligationClosed(tx, deps.events, {
      obligationId: id,
      threadId: row.threadId,
      categoryId: row.categoryId,
      state: 'no_response_needed',
    });
  });
  return getObligationView(deps.db, id, now);
}
