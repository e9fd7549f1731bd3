import { isStaffRole, type Role } from '@kakera/contracts';
import type { Actor } from '../shared/actor.ts';

/**
 * Who may suspend whom (or lift it): staff suspend fans; admins suspend
 * anyone but themselves. Sent with each profile as `can.suspend`.
 */
export function canSuspend(actor: Actor, target: { id: number; role: Role }): boolean {
  if (actor.kind !== 'user' || actor.suspended || actor.id === target.id) return false;
  if (actor.role === 'admin') return true;
  return isStaffRole(actor.role) && target.role === 'fan';
}
