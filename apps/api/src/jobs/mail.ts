import type { FastifyBaseLogger } from 'fastify';
import { sendNotificationEmails, sendRequestedDigestEmails, type Deps, type Mailer } from '@kakera/core';
import type { Job } from './job-runner.ts';
import { firstSlot } from './schedule.ts';

export const MAIL_EVERY_MS = 30_000;

/**
 * E-mail, when SMTP_URL is set: the digests asked to be mailed (to each
 * subscribed executive once) and notifications (at once, or in the daily
 * summary at DIGEST_AT). On every instance: each message is claimed in the
 * database before it is sent (a digest_emails row, a notification's
 * `emailed_at`), so two instances never send one twice, and a failed send
 * gives its claim back for the next run.
 */
export function mailJob(
  deps: Pick<Deps, 'db' | 'clock'>,
  mailer: Mailer,
  opts: { publicUrl: string; timeZone: string; dailyAt: string; log: FastifyBaseLogger; everyMs?: number; timer?: boolean },
): Job {
  return {
    name: 'mail',
    schedule: { everyMs: opts.everyMs ?? MAIL_EVERY_MS },
    mode: 'every-instance',
    manual: opts.timer === false,
    async run({ now }) {
      const digests = await sendRequestedDigestEmails(deps, mailer, { publicUrl: opts.publicUrl });
      const summaryAt = firstSlot({ dailyAt: opts.dailyAt, timeZone: opts.timeZone }, now);
      const notes = await sendNotificationEmails(deps, mailer, { publicUrl: opts.publicUrl, summaryAt });
      const sent = digests.reduce((n, d) => n + d.sent, 0);
      if (sent || notes.instant || notes.summaries)
        opts.log.info({ digests: sent, instant: notes.instant, summaries: notes.summaries }, 'mail sent');
      const errors = [...digests.flatMap((d) => d.errors), ...notes.errors];
      if (errors.length) throw new AggregateError(errors, `${errors.length} e-mail could not be sent; they are retried on the next run`);
    },
  };
}
