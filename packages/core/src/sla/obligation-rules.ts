import { isStaffRole, type Role } from '@kakera/contracts';

// The rules of product.md, "The 15-minute staff-response rule", as pure functions.

export interface PostFacts {
  /** The author's role when the post was written (never their role now). */
  authorRole: Role;
  kind: 'post' | 'system';
}

export type PostDecision = 'open' | 'meet' | 'none';

/**
 * What a new post does to the thread's obligation:
 * - a fan post with no open obligation opens one; further fan posts do not restart the clock;
 * - the next public staff post meets an open one;
 * - system messages never count.
 */
export function decideOnPost(hasOpenObligation: boolean, post: PostFacts): PostDecision {
  if (post.kind !== 'post') return 'none';
  if (isStaffRole(post.authorRole)) return hasOpenObligation ? 'meet' : 'none';
  return hasOpenObligation ? 'none' : 'open';
}

/** Due at the target; warned at two thirds of it. */
export function obligationTimes(openedAt: Date, targetSeconds: number): { warnAt: Date; dueAt: Date } {
  const openedMs = openedAt.getTime();
  return {
    warnAt: new Date(openedMs + Math.floor((targetSeconds * 1000 * 2) / 3)),
    dueAt: new Date(openedMs + targetSeconds * 1000),
  };
}

export type LiveState = 'open' | 'warned' | 'breached' | 'met' | 'no_response_needed' | 'cancelled';

export interface ObligationFacts {
  status: 'open' | 'met' | 'no_response_needed' | 'cancelled';
  warnAt: Date;
  dueAt: Date;
  respondedAt: Date | null;
}

/** What a reader sees now: open, warned (past two thirds), breached (past due), or how it ended. */
export function liveState(o: ObligationFacts, now: Date): LiveState {
  if (o.status !== 'open') return o.status;
  if (now.getTime() >= o.dueAt.getTime()) return 'breached';
  if (now.getTime() >= o.warnAt.getTime()) return 'warned';
  return 'open';
}

/** Breached: answered after the due time, or still open past it. */
export function isBreached(o: ObligationFacts, now: Date): boolean {
  if (o.status === 'met') return o.respondedAt!.getTime() > o.dueAt.getTime();
  if (o.status === 'open') return now.getTime() > o.dueAt.getTime();
  return false;
}
