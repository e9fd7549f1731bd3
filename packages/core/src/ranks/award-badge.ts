import type { DbOrTx } from '@kakera/db';
import { notify } from '../notifications/notify.ts';
import type { Deps } from '../shared/deps.ts';
import { insertBadge } from './ranks.repo.ts';

/** The badges (product.md, "Fan ranks"); their names and descriptions are the web app's words. */
export type Badge = 'first_post' | 'first_accepted_answer' | 'bug_hunter' | 'adopted';

/**
 * Awards a badge once per (person, badge, source) — `adopted` once per
 * adopted issue, the others once (source '') — whatever the retries, and
 * tells its owner. Answers whether it is new.
 */
export async function awardBadge(
  tx: DbOrTx,
  deps: Pick<Deps, 'events' | 'clock'>,
  award: { userId: number; badge: Badge; source?: string; reason?: string | null },
): Promise<boolean> {
  const made = await insertBadge(tx, {
    userId: award.userId,
    badge: award.badge,
    source: award.source ?? '',
    reason: award.reason ?? null,
    at: deps.clock.now(),
  });
  if (made) {
    await notify(tx, deps, [award.userId], {
      kind: 'rank.badge',
      data: { badge: award.badge, reason: award.reason ?? null },
      url: `/u/${award.userId}`,
      dedupeKey: `badge:${award.badge}:${award.source ?? ''}`,
    });
  }
  return made;
}
