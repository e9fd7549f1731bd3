import type { PostCan, ThreadFacts } from '@kakera/contracts';
import { isStaff, type Actor } from '../shared/actor.ts';
import { canAcceptAnswer, canReadThread } from './thread-policy.ts';

/** The facts about a post that decide what a reader may do with it. */
export interface PostAccessFacts {
  authorId: number;
  kind: 'post' | 'system';
  position: number;
  deleted: boolean;
  hidden: boolean;
}

const active = (actor: Actor) => actor.kind === 'user' && !actor.suspended;
const own = (actor: Actor, p: PostAccessFacts) => actor.kind === 'user' && actor.id === p.authorId;

/**
 * Who sees a post's words and files: everyone while it is live; staff only
 * once it is deleted or hidden, or its thread is hidden.
 */
export function canSeePostContent(actor: Actor, p: PostAccessFacts, thread: { hiddenAt: Date | null }): boolean {
  return canReadThread(actor, thread) && ((!p.deleted && !p.hidden) || isStaff(actor));
}

/** Authors edit their own posts; staff may edit any. Not deleted ones, nor system messages. */
export function canEditPost(actor: Actor, p: PostAccessFacts): boolean {
  return active(actor) && p.kind === 'post' && !p.deleted && (own(actor, p) || isStaff(actor));
}

/** Authors delete their own posts (soft delete); staff may delete any. */
export function canDeletePost(actor: Actor, p: PostAccessFacts): boolean {
  return active(actor) && p.kind === 'post' && !p.deleted && (own(actor, p) || isStaff(actor));
}

/** Anyone signed in likes others' live posts, never their own. */
export function canLikePost(actor: Actor, p: PostAccessFacts): boolean {
  return active(actor) && p.kind === 'post' && !p.deleted && !own(actor, p);
}

/** Earlier versions of a deleted post are for staff only. */
export function canViewRevisions(actor: Actor, p: PostAccessFacts): boolean {
  return !p.deleted || isStaff(actor);
}

/** A visible reply (not the opening post, not a system message) can be the accepted answer. */
export function isAcceptableReply(p: PostAccessFacts): boolean {
  return p.kind === 'post' && p.position > 1 && !p.deleted && !p.hidden;
}

/** Someone signed in flags another person's live post for staff (once: a second flag is a conflict). */
export function canFlagPost(actor: Actor, p: PostAccessFacts): boolean {
  return active(actor) && p.kind === 'post' && !p.deleted && !p.hidden && !own(actor, p);
}

/** Staff hide a post (spam, abuse…) and show it again; not system messages, nor deleted posts. */
export function canHidePost(actor: Actor, p: PostAccessFacts): boolean {
  return active(actor) && isStaff(actor) && p.kind === 'post' && !p.deleted;
}

export function postCan(actor: Actor, p: PostAccessFacts, thread: Pick<ThreadFacts, 'authorId' | 'kind'>): PostCan {
  return {
    edit: canEditPost(actor, p),
    delete: canDeletePost(actor, p),
    like: canLikePost(actor, p),
    accept: isAcceptableReply(p) && canAcceptAnswer(actor, thread),
    viewRevisions: canViewRevisions(actor, p),
    flag: canFlagPost(actor, p),
    hide: canHidePost(actor, p),
  };
}

export const NOBODY_POST_CAN: PostCan = {
  edit: false,
  delete: false,
  like: false,
  accept: false,
  viewRevisions: false,
  flag: false,
  hide: false,
};
