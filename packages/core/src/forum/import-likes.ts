import { requireSystem, type Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { addLikeCounts } from './imported-likes.repo.ts';

/**
 * Likes brought by an import (the command line only) whose givers the source
 * does not name — a Stack Exchange dump's up-votes are anonymous — so they
 * add to the post's and thread's like counts without a `post_likes` row (a
 * like row needs a person). Nobody can withdraw them; a person who likes
 * the post later adds one. No points, no events: this is history. Runs in
 * the importer's transaction (`deps.db`).
 */
export async function importAnonymousLikes(
  deps: Deps,
  actor: Actor,
  likes: { postId: number; threadId: number; count: number }[],
): Promise<number> {
  requireSystem(actor);
  const counted = likes.filter((l) => l.count > 0);
  await addLikeCounts(deps.db, counted);
  return counted.reduce((sum, l) => sum + l.count, 0);
}
