import type { ThreadCan, ThreadFacts } from '@kakera/contracts';
import { isStaff, type Actor } from '../shared/actor.ts';

/**
 * Who may do what in a thread: decided here, used by the use cases to allow
 * or refuse, and sent with every thread as `can` so pages show the same.
 */

const active = (actor: Actor): actor is Extract<Actor, { kind: 'user' }> => actor.kind === 'user' && !actor.suspended;
const isAuthor = (actor: Actor, t: { authorId: number }) => actor.kind === 'user' && actor.id === t.authorId;

/** Hidden threads are for staff only; everything else is public. */
export function canReadThread(actor: Actor, t: { hiddenAt: Date | null }): boolean {
  return t.hiddenAt === null || isStaff(actor);
}

/** Anyone signed in and not suspended, unless the thread is locked (staff still may). */
export function canReply(actor: Actor, t: Pick<ThreadFacts, 'locked'>): boolean {
  return active(actor) && (!t.locked || isStaff(actor));
}

/** The thread's author or staff mark one reply as the answer. */
export function canAcceptAnswer(actor: Actor, t: Pick<ThreadFacts, 'authorId'>): boolean {
  return active(actor) && (isAuthor(actor, t) || isStaff(actor));
}

/** "Did this solve your problem?" is the author's, once a staff member has replied. */
export function canAnswerResolution(actor: Actor, t: Pick<ThreadFacts, 'authorId' | 'staffReplied'>): boolean {
  return active(actor) && isAuthor(actor, t) && t.staffReplied;
}

/** Staff tools on a thread (hide, unhide, close its obligation). */
export function canModerate(actor: Actor): boolean {
  return active(actor) && isStaff(actor);
}

export function threadCan(actor: Actor, t: ThreadFacts): ThreadCan {
  return {
    reply: canReply(actor, t),
    acceptAnswer: canAcceptAnswer(actor, t),
    answerResolution: canAnswerResolution(actor, t),
    moderate: canModerate(actor),
  };
}

/** What nobody in particular may do: the `can` of a view recorded in an event, before it is worded for a receiver. */
export const NOBODY_THREAD_CAN: ThreadCan = { reply: false, acceptAnswer: false, answerResolution: false, moderate: false };
