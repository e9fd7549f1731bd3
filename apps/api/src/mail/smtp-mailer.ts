import nodemailer from 'nodemailer';
import type { Mailer } from '@kakera/core';

export interface SmtpMailer extends Mailer {
  close(): void;
}

/**
 * The mailer over SMTP_URL (`smtp://user:pass@host:587`, `smtps://…:465`;
 * nodemailer reads the URL, STARTTLS when the server offers it). One pooled
 * transport per process; the digest and notification e-mail share it.
 */
export function createSmtpMailer(opts: { url: string; from: string }): SmtpMailer {
  const transport = nodemailer.createTransport(opts.url);
  return {
    async send(m) {
      await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers ?? {} });
    },
    close() {
      transport.close();
    },
  };
}
