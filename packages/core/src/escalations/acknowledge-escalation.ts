import type { Escalation } from '@kakera/contracts';
import { recordAudit } from '../audit/record-audit.ts';
import { isAdmin, requireStaff, type Actor } from '../shared/actor.ts';
import { forbidden, notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { acknowledge, countOpenFor, lockEscalation } from './escalations.repo.ts';
import { toEscalations } from './escalation-view.ts';

/** The person it was escalated to (or an admin) acknowledges it: it leaves their inbox. Acknowledging again changes nothing. */
export async function acknowledgeEscalation(deps: Deps, actor: Actor, id: number): Promise<Escalation> {
  const user = requireStaff(actor);
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const e = await lockEscalation(tx, id);
    if (!e) throw notFound('Escalation');
    if (e.toUserId !== user.id && !isAdmin(actor)) throw forbidden('Only the person it was escalated to can acknowledge it');
    if (e.acknowledgedAt) return e;
    await acknowledge(tx, id, user.id, now);
    await recordAudit(tx, actor, now, 'escalation.acknowledged', { type: 'escalation', id });
    const openCount = await countOpenFor(tx, e.toUserId);
    await deps.events.record(tx, 'escalation.changed', `user:${e.toUserId}`, { id, openCount }, { userId: e.toUserId });
    return { ...e, acknowledgedAt: now, acknowledgedBy: user.id };
  });
  return (await toEscalations(deps.db, [row]))[0]!;
}
