import type { Flag, FlagPostBody } from '@kakera/contracts';
import { getPost } from '../forum/get-thread.ts';
import { requireActiveUser, type Actor } from '../shared/actor.ts';
import { AppError, forbidden } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { toFlags } from './flag-view.ts';
import { insertFlag } from './flags.repo.ts';

/**
 * A fan flags someone else's post for staff, with a reason: once per person
 * per post (a second flag is a conflict, whatever became of the first).
 * Staff see it arrive in the flag queue live (`flag.changed` on `staff-queue`).
 */
export async function flagPost(deps: Deps, actor: Actor, postId: number, input: FlagPostBody): Promise<Flag> {
  const user = requireActiveUser(actor);
  const post = await getPost(deps, actor, postId);
  if (!post.can.flag) throw forbidden('You cannot flag this post');
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const flag = await insertFlag(tx, { postId, reporterId: user.id, reason: input.reason, note: input.note, createdAt: now });
    if (!flag) throw new AppError('conflict', 'You have already flagged this post');
    await deps.events.record(tx, 'flag.changed', 'staff-queue', { flagId: flag.id, postId, status: 'open' }, { staffOnly: true });
    return flag;
  });
  const [flag] = await toFlags(deps.db, [row]);
  return flag!;
}
