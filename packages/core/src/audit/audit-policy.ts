import { isStaff, type Actor } from '../shared/actor.ts';

/** The audit log is for staff (staff, executives, admins) who are not suspended. */
export function canReadAudit(actor: Actor): boolean {
  return actor.kind === 'user' && !actor.suspended && isStaff(actor);
}
