import type { UserProfile } from '@kakera/contracts';
import { guest, requireAdmin, type Actor } from '../shared/actor.ts';
import { notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { toProfile } from './profile-view.ts';
import { findProfileRow, findProfileRows } from './users.repo.ts';

/** A public profile, with what `viewer` may do to this person (`can`). */
export async function getUserProfile(deps: Deps, id: number, viewer: Actor = guest): Promise<UserProfile> {
  const row = await findProfileRow(deps.db, id);
  if (!row) throw notFound('User');
  return toProfile(row, viewer);
}

/** Admins: people, newest first, with their email; `q` searches name and email. */
export async function listUsers(deps: Deps, actor: Actor, q: string | undefined, limit: number) {
  requireAdmin(actor);
  const rows = await findProfileRows(deps.db, q, limit);
  return rows.map((r) => ({ ...toProfile(r, actor), email: r.user.email }));
}
