import type { UserProfile } from '@kakera/contracts';
import { requireAdmin, type Actor } from '../shared/actor.ts';
import { notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { toProfile } from './profile-view.ts';
import { findProfileRow, findProfileRows } from './users.repo.ts';

/** A public profile. */
export async function getUserProfile(deps: Deps, id: number): Promise<UserProfile> {
  const row = await findProfileRow(deps.db, id);
  if (!row) throw notFound('User');
  return toProfile(row);
}

/** Admins: people, newest first, with their email; `q` searches name and email. */
export async function listUsers(deps: Deps, actor: Actor, q: string | undefined, limit: number) {
  requireAdmin(actor);
  const rows = await findProfileRows(deps.db, q, limit);
  return rows.map((r) => ({ ...toProfile(r), email: r.user.email }));
}
