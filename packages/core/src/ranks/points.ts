import { eq, sql } from 'drizzle-orm';
import { users, type DbOrTx } from '@kakera/db';

/**
 * Points for taking part and being useful (product.md, "Fan ranks"): the
 * amounts are configuration. Likes and adoptions earn points; the others
 * are 0 until the ranks work sets them, and the calls are already where
 * each award happens.
 */
export interface PointsConfig {
  thread: number;
  reply: number;
  likeReceived: number;
  acceptedAnswer: number;
  /** The author of a suggestion or report that the team adopted (its issue reached `planned`). */
  adopted: number;
}

export const DEFAULT_POINTS: PointsConfig = { thread: 0, reply: 0, likeReceived: 1, acceptedAnswer: 0, adopted: 50 };

export type PointsReason = keyof PointsConfig;

/** Adds (or, with `sign` -1, takes back) the configured amount for `reason` to a user's points, never below 0. */
export async function awardPoints(tx: DbOrTx, config: PointsConfig, userId: number, reason: PointsReason, sign: 1 | -1 = 1): Promise<void> {
  const amount = config[reason] * sign;
  if (amount === 0) return;
  await tx
    .update(users)
    .set({ points: sql`greatest(${users.points} + ${amount}, 0)` })
    .where(eq(users.id, userId));
}
