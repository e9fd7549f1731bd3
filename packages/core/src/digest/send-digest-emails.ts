import type { DigestContent } from '@kakera/contracts';
import { canMailDigest } from '../notifications/get-notification-settings.ts';
import { ensureNotificationSettings } from '../notifications/ensure-notification-settings.ts';
import { settingsUrl, unsubscribeApiUrl, unsubscribePageUrl } from '../notifications/render-notification-email.ts';
import { notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { mailLocale, type Mailer } from '../shared/mailer.ts';
import { findMailAccounts } from '../users/user-reads.ts';
import { claimDigestMail, findDigestMailed, findDigestRow, findMailRequestedDates, releaseDigestMail } from './digests.repo.ts';
import { digestSubject, renderDigestHtml, renderDigestText } from './render-digest-email.ts';

export interface DigestMailResult {
  date: string;
  sent: number;
  /** Subscribers who had it already. */
  already: number;
  failed: number;
  errors: unknown[];
}

/** A digest is mailed for a day after it was asked for; later (mail was off, SMTP away) it is old news. */
export const DIGEST_MAIL_WINDOW_MS = 24 * 3600 * 1000;

/**
 * Mails the stored digest of `date` to each subscriber — whoever may read the
 * digest (executives, admins; not suspended), has an address and has not
 * turned `digest_email` off — once each: the row in digest_emails is the
 * claim, inserted before sending and removed if sending fails.
 */
export async function sendDigestEmails(
  deps: Pick<Deps, 'db' | 'clock'>,
  mailer: Mailer,
  input: { date: string; publicUrl: string },
): Promise<DigestMailResult> {
  const row = await findDigestRow(deps.db, input.date);
  if (!row) throw notFound('Digest');
  const digest = row.content as DigestContent;
  const readers = (await findMailAccounts(deps.db, { roles: ['executive', 'admin'] })).filter((a) => a.email && canMailDigest(a));
  const settings = await ensureNotificationSettings(
    deps.db,
    readers.map((r) => r.id),
    deps.clock.now(),
  );
  const subscribers = readers.filter((r) => settings.get(r.id)?.digestEmail);
  const mailed = await findDigestMailed(
    deps.db,
    input.date,
    subscribers.map((s) => s.id),
  );
  const result: DigestMailResult = { date: input.date, sent: 0, already: mailed.size, failed: 0, errors: [] };
  for (const person of subscribers) {
    if (mailed.has(person.id)) continue;
    if (!(await claimDigestMail(deps.db, input.date, person.id, deps.clock.now()))) {
      result.already++;
      continue;
    }
    const locale = mailLocale(person.locale);
    const links = { publicUrl: input.publicUrl, token: settings.get(person.id)!.unsubscribeToken };
    const urls = {
      publicUrl: input.publicUrl,
      settingsUrl: settingsUrl(input.publicUrl),
      unsubscribeUrl: unsubscribePageUrl(links, 'digest'),
    };
    try {
      await mailer.send({
        to: person.email!,
        subject: digestSubject(digest, locale),
        text: renderDigestText(digest, locale, urls),
        html: renderDigestHtml(digest, locale, urls),
        headers: { 'List-Unsubscribe': `<${unsubscribeApiUrl(links, 'digest')}>` },
      });
      result.sent++;
    } catch (error) {
      await releaseDigestMail(deps.db, input.date, person.id);
      result.failed++;
      result.errors.push(error);
    }
  }
  return result;
}

/** The e-mail job's part: every digest asked to be mailed in the last day (yesterday's, by the daily run), to whoever has not had it. */
export async function sendRequestedDigestEmails(
  deps: Pick<Deps, 'db' | 'clock'>,
  mailer: Mailer,
  input: { publicUrl: string },
): Promise<DigestMailResult[]> {
  const since = new Date(deps.clock.now().getTime() - DIGEST_MAIL_WINDOW_MS);
  const out: DigestMailResult[] = [];
  for (const date of await findMailRequestedDates(deps.db, since))
    out.push(await sendDigestEmails(deps, mailer, { date, publicUrl: input.publicUrl }));
  return out;
}
