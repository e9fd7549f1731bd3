import { isStaff, type Actor } from '../shared/actor.ts';

/**
 * The flag queue is staff's: they read it and settle flags (resolve by
 * hiding the post, or dismiss). Who may flag a post is the post's own
 * policy (forum/post-policy.ts `canFlagPost`, sent as `post.can.flag`).
 */
export function canHandleFlags(actor: Actor): boolean {
  return actor.kind === 'user' && !actor.suspended && isStaff(actor);
}
