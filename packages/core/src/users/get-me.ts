import type { Me, UpdateMeBody } from '@kakera/contracts';
import { recordUserChanged } from '../auth/sessions.ts';
import { requireUser, type Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { toMe } from './user-view.ts';
import { findUserWithTeam, updateUserRow, type UserRow } from './users.repo.ts';

/** The signed-in user's own account. */
export async function getMe(deps: Deps, actor: Actor): Promise<Me> {
  const user = requireUser(actor);
  const row = await findUserWithTeam(deps.db, user.id);
  if (!row) throw notFound('User');
  return toMe(row.user, row.team);
}

/** A user changes their own name or language (suspended users may still change the language). */
export async function updateMe(deps: Deps, actor: Actor, input: UpdateMeBody): Promise<Me> {
  const user = requireUser(actor);
  const patch: Partial<UserRow> = {};
  if (input.locale !== undefined) patch.locale = input.locale;
  if (input.name !== undefined) {
    if (user.suspended) throw new AppError('suspended', 'Your account is suspended');
    patch.name = input.name;
  }
  if (Object.keys(patch).length) {
    await deps.db.transaction(async (tx) => {
      await updateUserRow(tx, user.id, patch);
      // The name is part of the signed-in actor.
      if (patch.name !== undefined) await recordUserChanged(tx, deps, user.id);
    });
  }
  return getMe(deps, actor);
}
