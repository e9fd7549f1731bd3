import type { DbOrTx } from '@kakera/db';
import { notify } from '../notifications/notify.ts';
import type { Deps } from '../shared/deps.ts';
import { levelFor } from './level-policy.ts';
import { REVERSAL_OF, type AwardReason, type ReversalReason } from './points.ts';
import { addToTotals, findLedgerRow, insertAward, insertLedgerRow } from './ranks.repo.ts';

const POSTING: AwardReason[] = ['thread', 'reply'];

/**
 * Awards the configured points for `reason` to a person, for `source` (what
 * earned them: `post:12`, `like:12:7`, `issue:KAK-3`) — once per person,
 * reason and source, enforced by the ledger's unique key, so a retry or a
 * second instance adds nothing. Posting points stop at the daily cap. Inside
 * the caller's transaction; a new level is announced to its owner. Answers
 * the points added.
 */
export async function awardPoints(
  tx: DbOrTx,
  deps: Pick<Deps, 'events' | 'clock' | 'config'>,
  award: { userId: number; reason: AwardReason; source: string },
): Promise<number> {
  const now = deps.clock.now();
  const points = deps.config.points[award.reason];
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  // Posting points stop at the daily cap. A row of 0 points still records that
  // the source was counted (a capped post, an award set to 0).
  const made = await insertAward(
    tx,
    { userId: award.userId, reason: award.reason, source: award.source, points, at: now, month: now.toISOString().slice(0, 7) },
    POSTING.includes(award.reason) ? { reasons: POSTING, since: dayStart, max: deps.config.points.dailyPostingCap } : null,
  );
  if (!made || made.points === 0) return 0;
  await announceLevel(tx, deps, award.userId, made.after - made.points, made.after);
  return made.points;
}

/**
 * Takes back what an award gave (a withdrawn like, an answer no longer
 * accepted), once: a reversal row of the opposite amount. Nothing when there
 * was no award. A second award for the same source is not made afterwards:
 * liking, unliking and liking again earns nothing twice.
 */
export async function revokePoints(
  tx: DbOrTx,
  deps: Pick<Deps, 'events' | 'clock' | 'config'>,
  reversal: { userId: number; reason: ReversalReason; source: string },
): Promise<number> {
  const award = await findLedgerRow(tx, reversal.userId, REVERSAL_OF[reversal.reason], reversal.source);
  if (!award) return 0;
  const now = deps.clock.now();
  if (
    !(await insertLedgerRow(tx, {
      userId: reversal.userId,
      reason: reversal.reason,
      source: reversal.source,
      points: -award.points,
      at: now,
    }))
  )
    return 0;
  if (award.points !== 0) await changeTotals(tx, deps, reversal.userId, -award.points, now);
  return -award.points;
}

async function changeTotals(tx: DbOrTx, deps: Pick<Deps, 'events' | 'clock'>, userId: number, points: number, now: Date) {
  const { before, after } = await addToTotals(tx, userId, points, now.toISOString().slice(0, 7));
  await announceLevel(tx, deps, userId, before, after);
}

/** A new level is announced to its owner. */
async function announceLevel(tx: DbOrTx, deps: Pick<Deps, 'events' | 'clock'>, userId: number, before: number, after: number) {
  const [was, is] = [levelFor(before), levelFor(after)];
  if (is > was) {
    await notify(tx, deps, [userId], {
      kind: 'rank.level_up',
      data: { level: is, points: after },
      url: `/u/${userId}`,
      dedupeKey: `level:${is}`,
    });
  }
}

/**
 * Points given outright, not earned by an action: a community's history
 * brought along (demo data, an import). Once per person and source, like an award.
 */
export async function grantPoints(
  tx: DbOrTx,
  deps: Pick<Deps, 'events' | 'clock' | 'config'>,
  grant: { userId: number; source: string; points: number },
): Promise<number> {
  const now = deps.clock.now();
  if (!(await insertLedgerRow(tx, { userId: grant.userId, reason: 'grant', source: grant.source, points: grant.points, at: now })))
    return 0;
  if (grant.points !== 0) await addToTotals(tx, grant.userId, grant.points, now.toISOString().slice(0, 7));
  return grant.points;
}
