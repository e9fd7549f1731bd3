import type { UserRef } from '@kakera/contracts';
import { requireUser, type Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { findUsersByNamePrefix } from './mention-suggestions.repo.ts';
import { toUserRef } from './user-view.ts';

/**
 * Who an @mention being typed may name (the editor's autocomplete): people
 * whose name starts with `prefix`, case-insensitive, not suspended, shortest
 * name first (the exact name before longer ones), never the writer. Signed-in
 * people only: only they write posts.
 */
export async function findMentionSuggestions(deps: Deps, actor: Actor, input: { prefix: string; limit: number }): Promise<UserRef[]> {
  const user = requireUser(actor);
  const rows = await findUsersByNamePrefix(deps.db, input.prefix, user.id, input.limit);
  return rows.map(toUserRef);
}
