import { escapeHtml, mailHtml, mailLink, type MailLocale, type MailMessage } from '../shared/mailer.ts';
import { NOTIFICATION_MAIL_TEXTS, notificationMailText } from './notification-email-texts.ts';

export interface MailedNotification {
  kind: string;
  data: unknown;
  url: string | null;
}

/** Where an e-mail's links go: the site (PUBLIC_URL) and the recipient's unsubscribe token. */
export interface MailLinks {
  publicUrl: string;
  token: string;
}

export const settingsUrl = (publicUrl: string) => `${publicUrl}/settings/notifications`;
/** The page a person lands on from the e-mail's "stop these e-mails" link (it calls the API and says what happened). */
export const unsubscribePageUrl = (l: MailLinks, list: 'digest' | 'notifications') =>
  `${l.publicUrl}/unsubscribe?token=${encodeURIComponent(l.token)}&list=${list}`;
/** The one-click address for the List-Unsubscribe header (RFC 2369): the API turns the e-mail off. */
export const unsubscribeApiUrl = (l: MailLinks, list: 'digest' | 'notifications') =>
  `${l.publicUrl}/api/unsubscribe?token=${encodeURIComponent(l.token)}&list=${list}`;

/** The footer every notification e-mail carries: why, settings, one-click unsubscribe. */
function footer(locale: MailLocale, links: MailLinks): { text: string; html: string } {
  const t = NOTIFICATION_MAIL_TEXTS[locale];
  return {
    text: `${t.why}\n${t.settings}: ${settingsUrl(links.publicUrl)}\n${t.unsubscribe}: ${unsubscribePageUrl(links, 'notifications')}`,
    html: `${escapeHtml(t.why)}<br>${mailLink(settingsUrl(links.publicUrl), t.settings, 'color:#52525b')} · ${mailLink(unsubscribePageUrl(links, 'notifications'), t.unsubscribe, 'color:#52525b')}`,
  };
}

const absolute = (publicUrl: string, url: string | null) => (url ? (/^https?:\/\//.test(url) ? url : `${publicUrl}${url}`) : publicUrl);

/**
 * One notification (mode `instant`), or several in one daily summary, as an
 * e-mail in the recipient's language, with a plain-text and an HTML part.
 */
export function renderNotificationEmail(locale: MailLocale, to: string, items: MailedNotification[], links: MailLinks): MailMessage {
  const t = NOTIFICATION_MAIL_TEXTS[locale];
  const lines = items.map((n) => ({ text: notificationMailText(locale, n), href: absolute(links.publicUrl, n.url) }));
  const single = items.length === 1;
  const subject = (single ? lines[0]!.text : t.summarySubject(items.length)).replace(/\s+/g, ' ').trim();
  const f = footer(locale, links);
  const text = single
    ? `${lines[0]!.text}\n\n${t.open}: ${lines[0]!.href}\n\n-- \n${f.text}\n`
    : `${t.summaryIntro}\n\n${lines.map((l) => `- ${l.text}\n  ${l.href}`).join('\n')}\n\n-- \n${f.text}\n`;
  const body = single
    ? `<p style="font-size:17px;margin:0 0 16px">${escapeHtml(lines[0]!.text)}</p>
<p style="margin:0">${mailLink(lines[0]!.href, t.open, 'display:inline-block;padding:10px 16px;background:#1d4ed8;color:#ffffff;border-radius:6px;text-decoration:none')}</p>`
    : `<p style="margin:0 0 12px">${escapeHtml(t.summaryIntro)}</p>
<ul style="margin:0;padding-left:20px">${lines.map((l) => `<li style="margin:0 0 8px">${mailLink(l.href, l.text)}</li>`).join('')}</ul>`;
  return {
    to,
    subject: subject.length > 200 ? `${subject.slice(0, 199)}…` : subject,
    text,
    html: mailHtml(locale, subject, body, f.html),
    headers: { 'List-Unsubscribe': `<${unsubscribeApiUrl(links, 'notifications')}>` },
  };
}
