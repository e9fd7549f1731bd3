import type { ThreadCan, ThreadFacts } from '@kakera/contracts';
import { isStaff, type Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';

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

/**
 * Questions and bug reports have an accepted answer and the "did this solve
 * your problem?" prompt; discussions and suggestions have neither (product.md:
 * a suggestion's outcome is its issue's status).
 */
export function takesSolution(t: Pick<ThreadFacts, 'kind'>): boolean {
  return t.kind === 'question' || t.kind === 'bug';
}

/** The refusal when a thread of another kind is asked for an answer or a resolution. */
export const notSolvable = () =>
  new AppError('not_solvable', 'Only questions and bug reports have an accepted answer and the “did this solve your problem?” prompt');

/** Why `actor` may not mark a reply as the answer here (null: they may): only the author or staff, only where answers are accepted. */
export function whyNotAcceptAnswer(actor: Actor, t: Pick<ThreadFacts, 'authorId' | 'kind'>): 'forbidden' | 'not_solvable' | null {
  if (!(active(actor) && (isAuthor(actor, t) || isStaff(actor)))) return 'forbidden';
  return takesSolution(t) ? null : 'not_solvable';
}

/** The thread's author or staff mark one reply as the answer, on questions and bug reports. */
export function canAcceptAnswer(actor: Actor, t: Pick<ThreadFacts, 'authorId' | 'kind'>): boolean {
  return whyNotAcceptAnswer(actor, t) === null;
}

/** Why `actor` may not answer "did this solve your problem?" (null: they may): the author's, on questions and bug reports, once staff replied. */
export function whyNotAnswerResolution(
  actor: Actor,
  t: Pick<ThreadFacts, 'authorId' | 'kind' | 'staffReplied'>,
): 'forbidden' | 'not_solvable' | 'no_staff_reply' | null {
  if (!(active(actor) && isAuthor(actor, t))) return 'forbidden';
  if (!takesSolution(t)) return 'not_solvable';
  return t.staffReplied ? null : 'no_staff_reply';
}

/** "Did this solve your problem?" is the author's, on questions and bug reports, once a staff member has replied. */
export function canAnswerResolution(actor: Actor, t: Pick<ThreadFacts, 'authorId' | 'kind' | 'staffReplied'>): boolean {
  return whyNotAnswerResolution(actor, t) === null;
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
