import { userBadges, type DbOrTx } from '@kakera/db';

/** Awards a badge once per (user, badge, source), whatever the retries; answers whether it is new. */
export async function awardBadge(
  tx: DbOrTx,
  userId: number,
  badge: string,
  source: string,
  reason: string | null,
  at: Date,
): Promise<boolean> {
  const made = await tx
    .insert(userBadges)
    .values({ userId, badge, source, reason, awardedAt: at })
    .onConflictDoNothing()
    .returning({ userId: userBadges.userId });
  return made.length > 0;
}
