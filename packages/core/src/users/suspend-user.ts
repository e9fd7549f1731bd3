import type { SuspendUserBody, UserProfile } from '@kakera/contracts';
import { recordAudit } from '../audit/record-audit.ts';
import { deleteUserSessions, recordUserChanged } from '../auth/sessions.ts';
import { requireActiveUser, type Actor } from '../shared/actor.ts';
import { forbidden, notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { getUserProfile } from './get-user-profile.ts';
import { canSuspend } from './suspension-policy.ts';
import { findUserWithTeam, updateUserRow } from './users.repo.ts';

/**
 * Staff suspend a fan from their profile (admins: anyone but themselves), or
 * lift it. A suspended person may read and sign out, not write; suspension
 * signs them out everywhere. Audited as `user.suspended` / `user.unsuspended`
 * with the reason; doing it twice changes nothing.
 */
export async function suspendUser(deps: Deps, actor: Actor, id: number, input: SuspendUserBody): Promise<UserProfile> {
  requireActiveUser(actor);
  const target = await findUserWithTeam(deps.db, id);
  if (!target) throw notFound('User');
  if (!canSuspend(actor, target.user)) throw forbidden('You cannot suspend this person');
  const now = deps.clock.now();
  if ((target.user.suspendedAt !== null) !== input.suspended) {
    await deps.db.transaction(async (tx) => {
      await updateUserRow(tx, id, { suspendedAt: input.suspended ? now : null });
      await recordAudit(
        tx,
        actor,
        now,
        input.suspended ? 'user.suspended' : 'user.unsuspended',
        { type: 'user', id },
        { reason: input.reason },
      );
      if (input.suspended) await deleteUserSessions(tx, deps, id);
      else await recordUserChanged(tx, deps, id);
    });
  }
  return getUserProfile(deps, id, actor);
}
