/**
 * Where e-mail goes: apps/api sends it over SMTP (nodemailer, SMTP_URL);
 * tests catch it. Core composes the messages and decides who gets what; it
 * never speaks SMTP itself.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. `List-Unsubscribe`. */
  headers?: Record<string, string>;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Text for an HTML body or attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The e-mail languages: a user's `locale`, English when they chose none. */
export type MailLocale = 'en' | 'ja' | 'zh-CN';
export const mailLocale = (locale: string | null | undefined): MailLocale => (locale === 'ja' || locale === 'zh-CN' ? locale : 'en');

/** The frame of every e-mail Kakera sends: a narrow column that reads on a phone, styles inline (mail clients drop <style>). */
export function mailHtml(lang: MailLocale, title: string, body: string, footer: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f5;color:#18181b;font-family:-apple-system,'Segoe UI',Roboto,'Hiragino Sans','Noto Sans CJK JP','Microsoft YaHei',sans-serif;font-size:15px;line-height:1.5">
<div style="max-width:600px;margin:0 auto;padding:16px;background:#ffffff">
${body}
<hr style="border:0;border-top:1px solid #e4e4e7;margin:24px 0 12px">
<p style="margin:0;font-size:12px;color:#52525b">${footer}</p>
</div></body></html>
`;
}

/** A link for an e-mail body (absolute URL). */
export const mailLink = (href: string, text: string, style = 'color:#1d4ed8') =>
  `<a href="${escapeHtml(href)}" style="${style}">${escapeHtml(text)}</a>`;
