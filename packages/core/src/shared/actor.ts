import { isStaffRole, type Role } from '@kakera/contracts';
import { AppError, forbidden } from './app-error.ts';

/** Who is acting. Every core function takes one, and checks it itself. */
export type Actor =
  | { kind: 'guest' }
  | { kind: 'user'; id: number; name: string; role: Role; teamId: number | null; suspended: boolean }
  | { kind: 'system' };

export type UserActor = Extract<Actor, { kind: 'user' }>;

export const guest: Actor = { kind: 'guest' };
export const systemActor: Actor = { kind: 'system' };

export function isStaff(actor: Actor): boolean {
  return actor.kind === 'user' && isStaffRole(actor.role);
}
export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role === 'admin';
}

/** A signed-in user (suspended users may still read and sign out). */
export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to do that');
  return actor;
}

/** A signed-in user who may write: not suspended. */
export function requireActiveUser(actor: Actor): UserActor {
  const user = requireUser(actor);
  if (user.suspended) throw new AppError('suspended', 'Your account is suspended');
  return user;
}

export function requireStaff(actor: Actor): UserActor {
  const user = requireActiveUser(actor);
  if (!isStaffRole(user.role)) throw forbidden('Staff only');
  return user;
}

export function requireAdmin(actor: Actor): UserActor {
  const user = requireActiveUser(actor);
  if (user.role !== 'admin') throw forbidden('Admins only');
  return user;
}

/** The command line (imports, maintenance): trusted as whoever can run it, never reached over HTTP. */
export function requireSystem(actor: Actor): void {
  if (actor.kind !== 'system') throw forbidden('Only the command line may do this');
}
