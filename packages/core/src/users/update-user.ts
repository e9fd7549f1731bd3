import type { UpdateUserBody, UserProfile } from '@kakera/contracts';
import { recordAudit } from '../audit/record-audit.ts';
import { deleteUserSessions, recordUserChanged } from '../auth/sessions.ts';
import { requireAdmin, type Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { getUserProfile } from './get-user-profile.ts';
import { findUserWithTeam, teamIdFor, updateUserRow, type UserRow } from './users.repo.ts';

/** Admins change a user's role, team and suspension. Every change is audited. */
export async function updateUser(deps: Deps, actor: Actor, id: number, input: UpdateUserBody): Promise<UserProfile> {
  const admin = requireAdmin(actor);
  const before = await findUserWithTeam(deps.db, id);
  if (!before) throw notFound('User');
  if (id === admin.id && ((input.role !== undefined && input.role !== 'admin') || input.suspended === true)) {
    throw new AppError('conflict', 'Admins cannot demote or suspend themselves', {
      fields: [{ path: input.suspended ? 'suspended' : 'role', message: 'You cannot do this to your own account' }],
    });
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const patch: Partial<UserRow> = {};
    if (input.role !== undefined) patch.role = input.role;
    if (input.suspended !== undefined) patch.suspendedAt = input.suspended ? (before.user.suspendedAt ?? now) : null;
    if (input.team !== undefined) patch.teamId = input.team === null ? null : await teamIdFor(tx, input.team, now);
    await updateUserRow(tx, id, patch);
    await recordAudit(
      tx,
      actor,
      now,
      'user.updated',
      { type: 'user', id },
      { before: { role: before.user.role, team: before.team, suspended: before.user.suspendedAt !== null }, change: input },
    );
    // Suspension signs the user out everywhere; any change drops their cached sessions on every instance.
    if (input.suspended === true) await deleteUserSessions(tx, deps, id);
    else await recordUserChanged(tx, deps, id);
  });
  return getUserProfile(deps, id, actor);
}
