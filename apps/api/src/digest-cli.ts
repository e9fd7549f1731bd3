// `npm run digest -- [--date YYYY-MM-DD] [--json] [--send] [--locale en|ja|zh-CN]`
//
// Generates (or regenerates: idempotent) the executive daily digest of a local
// date in TZ — yesterday by default — stores it, and prints it as text (the
// e-mail's plain-text part) or, with --json, as the API's JSON. --send then
// mails it to the subscribed executives who have not had it yet (SMTP_URL).
// Configuration is the server's (DATABASE_URL, TZ, PUBLIC_URL, SMTP_URL, …).
// With the embedded database, stop the server first: it holds DATA_DIR open.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LocalDate } from '@kakera/contracts';
import {
  DEFAULT_POINTS,
  addDays,
  asEventPublisher,
  generateDigest,
  localDate,
  mailLocale,
  renderDigestText,
  sendDigestEmails,
  systemActor,
  systemClock,
  AppError,
  type Deps,
} from '@kakera/core';
import { createDatabase, createEventBus, migrate } from '@kakera/db';
import { ConfigError, loadConfig } from './config.ts';
import { createSmtpMailer } from './mail/smtp-mailer.ts';

const USAGE = 'usage: npm run digest -- [--date YYYY-MM-DD] [--json] [--send] [--locale en|ja|zh-CN]\n';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      date: { type: 'string' },
      json: { type: 'boolean', default: false },
      send: { type: 'boolean', default: false },
      locale: { type: 'string', default: 'en' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const config = loadConfig();
  const date = values.date ?? addDays(localDate(systemClock.now(), config.TZ), -1);
  const parsed = LocalDate.safeParse(date);
  if (!parsed.success) {
    process.stderr.write(`--date ${date}: ${parsed.error.issues[0]?.message ?? 'not a date'}\n${USAGE}`);
    return 2;
  }

  const database = await createDatabase(
    config.DATABASE_URL
      ? { kind: 'postgres', url: config.DATABASE_URL, poolSize: 4 }
      : { kind: 'pglite', dataDir: join(config.DATA_DIR, 'pglite') },
  );
  try {
    await migrate(database);
    const deps: Deps = {
      db: database.db,
      clock: systemClock,
      events: asEventPublisher(createEventBus(database, systemClock, config.DATABASE_URL)),
      config: { adminEmails: config.ADMIN_EMAILS, sessionTtlMs: 0, sessionSecret: config.SESSION_SECRET, points: DEFAULT_POINTS },
    };
    const digest = await generateDigest(deps, systemActor, { date, timeZone: config.TZ });
    if (values.json) process.stdout.write(`${JSON.stringify(digest, null, 2)}\n`);
    else process.stdout.write(renderDigestText(digest, mailLocale(values.locale), { publicUrl: config.PUBLIC_URL }));

    if (values.send) {
      if (!config.SMTP_URL) {
        process.stderr.write('SMTP_URL is not set: nothing sent.\n');
        return 0;
      }
      const mailer = createSmtpMailer({ url: config.SMTP_URL, from: config.MAIL_FROM });
      try {
        const r = await sendDigestEmails(deps, mailer, { date, publicUrl: config.PUBLIC_URL });
        process.stderr.write(`Mailed the digest of ${date} to ${r.sent} subscriber(s); ${r.already} had it already; ${r.failed} failed.\n`);
        for (const e of r.errors) process.stderr.write(`  ${e instanceof Error ? e.message : String(e)}\n`);
        if (r.failed) return 1;
      } finally {
        mailer.close();
      }
    }
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof AppError) {
      const fields = (err.details?.fields ?? []) as { message: string }[];
      process.stderr.write(`${[err.message, ...fields.map((f) => f.message)].join(': ')}\n`);
    } else if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
