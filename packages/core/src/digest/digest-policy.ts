import { requireActiveUser, type Actor } from '../shared/actor.ts';
import { forbidden } from '../shared/app-error.ts';
import { accountCan } from '../users/account-policy.ts';

/**
 * Who reads the daily digest: executives and admins (users/account-policy.ts,
 * the same answer as `Me.can.digest`), and the system (the job, the command
 * line). Guests must sign in (401); everyone else is refused (403).
 */
export function canReadDigest(actor: Actor): boolean {
  if (actor.kind === 'system') return true;
  return actor.kind === 'user' && accountCan(actor).digest;
}

export function requireDigestReader(actor: Actor): void {
  if (actor.kind === 'system') return;
  const user = requireActiveUser(actor);
  if (!accountCan(user).digest) throw forbidden('The daily digest is for executives and admins');
}
