/**
 * Points for taking part and being useful (product.md, "Fan ranks"): the
 * amounts are configuration (POINTS_* in docs/configuration.md), as is the
 * daily cap on points for posting, so that nobody farms points by posting.
 */
export interface PointsConfig {
  thread: number;
  reply: number;
  likeReceived: number;
  acceptedAnswer: number;
  /** A bug report's issue reached `triaged`: the bug is confirmed. */
  bugConfirmed: number;
  /** A suggestion's issue reached `planned` or later: the idea is adopted. */
  adopted: number;
  /** At most this many points a day (UTC) for threads and replies together. */
  dailyPostingCap: number;
}

export const DEFAULT_POINTS: PointsConfig = {
  thread: 2,
  reply: 1,
  likeReceived: 1,
  acceptedAnswer: 10,
  bugConfirmed: 15,
  adopted: 50,
  dailyPostingCap: 20,
};

export type AwardReason = 'thread' | 'reply' | 'likeReceived' | 'acceptedAnswer' | 'bugConfirmed' | 'adopted';
/** Reversals, each of one award reason. */
export type ReversalReason = 'likeWithdrawn' | 'acceptedWithdrawn';
export const REVERSAL_OF: Record<ReversalReason, AwardReason> = { likeWithdrawn: 'likeReceived', acceptedWithdrawn: 'acceptedAnswer' };
