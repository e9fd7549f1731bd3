import { isStaffRole, type Role, type ThreadObligation } from '@kakera/contracts';

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

/**
 * Breached: answered after the due time, or still open past it. An answer
 * stamped exactly at `due_at` is on time; an obligation still open at
 * `due_at` is breached from that instant (the sweeper fires at the due time,
 * and the queue shows it breached), since no answer can arrive any earlier.
 */
export function isBreached(o: ObligationFacts, now: Date): boolean {
  if (o.status === 'met') return o.respondedAt!.getTime() > o.dueAt.getTime();
  if (o.status === 'open') return now.getTime() >= o.dueAt.getTime();
  return false;
}

/** Where an obligation is counted in the statistics (product.md, "Key fields"): exactly one bucket each. */
export type StatsBucket = 'met' | 'breached' | 'open' | 'no_response_needed' | 'cancelled';

/**
 * - `met`: answered by a public staff post within the target;
 * - `breached`: answered late, or still open at or past due;
 * - `open`: still open, not yet due;
 * - `no_response_needed`: closed by staff with a reason, counted apart (never met, never breached);
 * - `cancelled`: the thread was hidden or the opening fan post deleted; left out of every figure.
 * The SQL of compute-sla-stats.ts mirrors this function; tests hold them together.
 */
export function classifyObligation(o: ObligationFacts, now: Date): StatsBucket {
  if (o.status === 'cancelled' || o.status === 'no_response_needed') return o.status;
  if (isBreached(o, now)) return 'breached';
  return o.status === 'met' ? 'met' : 'open';
}

/**
 * The p-th percentile with linear interpolation between closest ranks
 * (PostgreSQL's `percentile_cont`, which the statistics use). Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** met / (met + breached); null when both are 0. */
export function compliance(met: number, breached: number): number | null {
  return met + breached === 0 ? null : met / (met + breached);
}

/**
 * When what readers see of an obligation next changes by time alone (open →
 * warned → breached), or null once it cannot: how long an answer that shows
 * its state stays true (apps/api's read cache keeps a thread until then).
 */
export function nextLiveStateChange(o: Pick<ObligationFacts, 'status' | 'warnAt' | 'dueAt'>, now: Date): Date | null {
  if (o.status !== 'open') return null;
  if (now.getTime() < o.warnAt.getTime()) return o.warnAt;
  if (now.getTime() < o.dueAt.getTime()) return o.dueAt;
  return null;
}

/** The same for the obligation a thread's readers are shown. */
export function threadObligationChangesAt(o: ThreadObligation | null | undefined, now: Date): Date | null {
  if (!o || (o.state !== 'open' && o.state !== 'warned')) return null;
  return nextLiveStateChange({ status: 'open', warnAt: new Date(o.warnAt), dueAt: new Date(o.dueAt) }, now);
}

/**
 * The events that only announce a state the clock reached (the sweeper's
 * warning and breach). They change nothing a reader is shown — a thread shows
 * its obligation's instants and works its state out for "now" — so caches of
 * readers' answers need not drop anything for them (apps/api's read cache
 * keeps a thread only until its state's next change).
 */
export const CLOCK_ANNOUNCEMENTS: ReadonlySet<string> = new Set(['obligation.warned', 'obligation.breached']);
