import type { IssueCan } from '@kakera/contracts';
import { isStaff, type Actor } from '../shared/actor.ts';

// Who may do what with issues (product.md): fans vote; staff promote,
// triage, merge, escalate and write internal notes. Decided here, sent as `can`.

const active = (actor: Actor) => actor.kind === 'user' && !actor.suspended;

export const canVote = (actor: Actor): boolean => active(actor);
export const canTriage = (actor: Actor): boolean => active(actor) && isStaff(actor);
export const canPromote = canTriage;
export const canMerge = canTriage;
export const canEscalate = canTriage;
export const canReadNotes = (actor: Actor): boolean => isStaff(actor);
export const canWriteNotes = canTriage;

export function issueCan(actor: Actor): IssueCan {
  return {
    vote: canVote(actor),
    triage: canTriage(actor),
    merge: canMerge(actor),
    escalate: canEscalate(actor),
    notes: canReadNotes(actor),
  };
}
