import type { DbOrTx } from '@kakera/db';
import { findDailyActivity } from '../forum/forum-activity-reads.ts';
import { addDays, daysBetween, localDate, localDayRange } from '../shared/local-days.ts';
import { storeDigest } from './generate-digest.ts';
import { findStoredDates, requestDigestMail } from './digests.repo.ts';

/** How far back the daily run fills in days that have no digest (a server that was down, a new install with history). */
export const BACKFILL_DAYS = 14;

/**
 * The daily run (apps/api/src/jobs/digest.ts, at DIGEST_AT in TZ): the
 * digest of the day before today (`now`'s local date: a run made up late,
 * for a slot missed days ago, digests the latest whole day), regenerated
 * (idempotent), and
 * any of the BACKFILL_DAYS before it that has none, from the first day with
 * any activity on (no empty digests for days before the forum had posts).
 * Yesterday's digest is then asked to be mailed, once. Runs inside the
 * job's transaction, so it commits with the claim of its slot.
 */
export async function generateDueDigests(
  db: DbOrTx,
  input: { now: Date; timeZone: string },
): Promise<{ generated: string[]; changed: string[] }> {
  const { timeZone, now } = input;
  const yesterday = addDays(localDate(now, timeZone), -1);
  const from = addDays(yesterday, -(BACKFILL_DAYS - 1));
  const { start, end } = localDayRange(from, yesterday, timeZone);
  const [activity, stored] = await Promise.all([findDailyActivity(db, { start, end, timeZone }), findStoredDates(db, from, yesterday)]);
  const firstActive = [...activity.keys()].sort()[0];
  if (!firstActive) return { generated: [], changed: [] };
  const due = daysBetween(firstActive, yesterday).filter((d) => d === yesterday || !stored.has(d));
  const changed: string[] = [];
  for (const date of due) {
    const r = await storeDigest(db, { date, timeZone, now });
    if (r.changed) changed.push(date);
  }
  if (due.includes(yesterday)) await requestDigestMail(db, yesterday, now);
  return { generated: due, changed };
}
