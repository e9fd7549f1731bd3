import type { Deps } from '../shared/deps.ts';
import { mailLocale, type Mailer } from '../shared/mailer.ts';
import { findMailAccounts } from '../users/user-reads.ts';
import {
  claimDailyNotifications,
  claimInstantNotifications,
  findDailySummaryUserIds,
  releaseNotificationClaims,
} from './notification-mail.repo.ts';
import { ensureSettingsRows } from './notification-settings.repo.ts';
import type { NotificationRow } from './notifications.repo.ts';
import { renderNotificationEmail } from './render-notification-email.ts';

/** Notifications older than this are never mailed one by one (mail was off, or the SMTP server was away for a day). */
export const INSTANT_WINDOW_MS = 24 * 3600 * 1000;
/** A daily summary gathers what came in the two days before its time (one missed summary is caught up by the next). */
export const DAILY_WINDOW_MS = 48 * 3600 * 1000;
const BATCH = 100;

export interface MailRunResult {
  instant: number;
  summaries: number;
  failed: number;
  errors: unknown[];
}

/**
 * Mails stored notifications as each person's settings say (docs/operations.md,
 * "E-mail"): of the kinds they chose (default: a staff answer to my thread,
 * a status change, my idea adopted), each at once (`instant`), or in one
 * summary a day at `summaryAt` (`daily`: what came before that instant), or
 * not at all (`off`). Each notification is mailed once: it is claimed by
 * setting `emailed_at` before sending, and given back if sending fails.
 */
export async function sendNotificationEmails(
  deps: Pick<Deps, 'db' | 'clock'>,
  mailer: Mailer,
  opts: { publicUrl: string; summaryAt: Date },
): Promise<MailRunResult> {
  const result: MailRunResult = { instant: 0, summaries: 0, failed: 0, errors: [] };
  const now = deps.clock.now();

  // One by one, in batches, until none is left.
  for (;;) {
    const claimed = await claimInstantNotifications(deps.db, { since: new Date(now.getTime() - INSTANT_WINDOW_MS), now }, BATCH);
    if (!claimed.length) break;
    const failed = await mailEach(
      deps,
      mailer,
      opts.publicUrl,
      claimed.map((n) => [n]),
    );
    result.instant += claimed.length - failed.length;
    await settle(deps, failed, result);
    if (claimed.length < BATCH || failed.length) break;
  }

  // Daily summaries: what came before today's summary time, for each person in `daily` mode.
  if (now.getTime() >= opts.summaryAt.getTime()) {
    const window = { since: new Date(opts.summaryAt.getTime() - DAILY_WINDOW_MS), before: opts.summaryAt };
    for (;;) {
      const userIds = await findDailySummaryUserIds(deps.db, window, BATCH);
      const groups: NotificationRow[][] = [];
      for (const userId of userIds) {
        const rows = await claimDailyNotifications(deps.db, userId, { ...window, now });
        if (rows.length) groups.push(rows);
      }
      if (!groups.length) break;
      const failed = await mailEach(deps, mailer, opts.publicUrl, groups);
      result.summaries += groups.length - failed.length;
      await settle(deps, failed, result);
      if (userIds.length < BATCH || failed.length) break;
    }
  }
  return result;
}

interface Failure {
  rows: NotificationRow[];
  error: unknown;
}

async function settle(deps: Pick<Deps, 'db'>, failed: Failure[], result: MailRunResult) {
  await releaseNotificationClaims(
    deps.db,
    failed.flatMap((f) => f.rows.map((r) => r.id)),
  );
  result.failed += failed.length;
  result.errors.push(...failed.map((f) => f.error));
}

/** Sends one e-mail per group (each group is one person's); answers the groups that failed. */
async function mailEach(
  deps: Pick<Deps, 'db' | 'clock'>,
  mailer: Mailer,
  publicUrl: string,
  groups: NotificationRow[][],
): Promise<Failure[]> {
  const userIds = [...new Set(groups.map((g) => g[0]!.userId))];
  const [accounts, settings] = await Promise.all([
    findMailAccounts(deps.db, { ids: userIds }),
    ensureSettingsRows(deps.db, userIds, deps.clock.now()),
  ]);
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const failures: Failure[] = [];
  for (const rows of groups) {
    const account = byId.get(rows[0]!.userId);
    const token = settings.get(rows[0]!.userId)?.unsubscribeToken;
    if (!account?.email || !token) continue; // the address went away since the claim: nothing to send, nothing to retry
    try {
      await mailer.send(renderNotificationEmail(mailLocale(account.locale), account.email, rows, { publicUrl, token }));
    } catch (error) {
      failures.push({ rows, error });
    }
  }
  return failures;
}
