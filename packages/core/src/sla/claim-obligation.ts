import type { SlaObligation } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import { recordAudit } from '../audit/record-audit.ts';
import { findUserName } from '../users/user-reads.ts';
import { requireStaff, type Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { getObligationView } from './obligation-view.ts';
import { lockObligationRow, updateObligation, type ObligationRow } from './obligations.repo.ts';

/** The obligation row, locked for the rest of the transaction. */
export async function lockObligation(tx: DbOrTx, id: number): Promise<ObligationRow> {
  const row = await lockObligationRow(tx, id);
  if (!row) throw notFound('Obligation');
  return row;
}

const notOpen = () => new AppError('conflict', 'This obligation is no longer open');

/**
 * "On it": a staff member claims an open obligation so that colleagues see
 * who is answering. Claiming does not stop the clock. Claiming again is a
 * no-op; an obligation someone else has claimed must be released first.
 */
export async function claimObligation(deps: Deps, actor: Actor, id: number): Promise<SlaObligation> {
  const user = requireStaff(actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await lockObligation(tx, id);
    if (row.status !== 'open') throw notOpen();
    if (row.claimedBy === user.id) return;
    if (row.claimedBy !== null) {
      const holder = await findUserName(tx, row.claimedBy);
      throw new AppError('conflict', `Already claimed by ${holder ?? 'someone else'}`, { claimedBy: row.claimedBy });
    }
    await updateObligation(tx, id, { claimedBy: user.id, claimedAt: now });
    await deps.events.record(tx, 'obligation.claimed', 'staff-queue', { obligationId: id, threadId: row.threadId, claimedBy: user.id });
  });
  return getObligationView(deps.db, id, now);
}

/** Releases a claim. Any staff member may release anyone's (someone went home); that is audited. */
export async function unclaimObligation(deps: Deps, actor: Actor, id: number): Promise<SlaObligation> {
  const user = requireStaff(actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await lockObligation(tx, id);
    if (row.status !== 'open') throw notOpen();
    if (row.claimedBy === null) return;
    await updateObligation(tx, id, { claimedBy: null, claimedAt: null });
    if (row.claimedBy !== user.id) {
      await recordAudit(tx, actor, now, 'obligation.unclaimed', { type: 'obligation', id }, { claimedBy: row.claimedBy });
    }
    await deps.events.record(tx, 'obligation.claimed', 'staff-queue', { obligationId: id, threadId: row.threadId, claimedBy: null });
  });
  return getObligationView(deps.db, id, now);
}
