import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@kakera/core';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import {
  buildTestApp,
  createCategory,
  createTestDatabase,
  createThread,
  createUser,
  reply,
  type TestApp,
  type TestUser,
} from './helpers.ts';
import { startMailCatcher, type CaughtMail, type MailCatcher } from './mail-catcher.ts';

// E-mail against a real SMTP server on loopback: the daily digest to each
// subscribed executive (and admin) once, HTML and text, in their language;
// notification e-mail per each person's settings, each notification once;
// one-click unsubscribe; and without SMTP_URL nothing is sent and nothing fails.

const TZ = 'Asia/Tokyo';
let catcher: MailCatcher;
let t: TestApp;
let admin: TestUser, execEn: TestUser, execJa: TestUser, execOff: TestUser, staff: TestUser;
let board: { id: number };

const as = (who: TestUser | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: who ? { cookie: who.cookie } : {}, ...(payload && { payload }) });
const mailsTo = (who: TestUser, from = 0) => catcher.mails.slice(from).filter((m) => m.to.includes(who.email));
/** The one-click address of a mail's List-Unsubscribe header, as a path on the API. */
const unsubscribePath = (m: CaughtMail) => {
  const u = new URL(/<([^>]+)>/.exec(m.headers.get('list-unsubscribe') ?? '')![1]!);
  return u.pathname + u.search;
};

beforeAll(async () => {
  catcher = await startMailCatcher();
  // 09:00 on June 1 in Tokyo.
  t = await buildTestApp({ TZ, DIGEST_AT: '07:00', SMTP_URL: catcher.url }, new ManualClock('2026-06-01T00:00:00Z'), {
    mail: { timer: false },
  });
  admin = await createUser(t, { role: 'admin', name: 'Mail Admin' });
  execEn = await createUser(t, { role: 'executive', name: 'Exec English' });
  execJa = await createUser(t, { role: 'executive', name: 'Exec Japanese' });
  execOff = await createUser(t, { role: 'executive', name: 'Exec Unsubscribed' });
  staff = await createUser(t, { role: 'staff', name: 'Mail Staff' });
  expect((await as(execJa, 'PATCH', '/api/me', { locale: 'ja' })).statusCode).toBe(200);
  expect((await as(execOff, 'PATCH', '/api/me/notification-settings', { digestEmail: false })).statusCode).toBe(200);
  board = await createCategory(t, admin);
}, 240_000);
afterAll(async () => {
  await t?.close();
  await catcher?.close();
});

describe('the daily digest by e-mail', () => {
  let threadId: number;
  beforeAll(async () => {
    const fan = await createUser(t, { name: 'Digest Fan' });
    t.clock.set('2026-06-01T01:00:00Z');
    threadId = (await createThread(t, fan, board.id, { title: 'Battery drains overnight' })).id;
    t.clock.set('2026-06-01T01:05:00Z');
    await reply(t, staff, threadId, 'Try safe mode');
    t.clock.set('2026-06-01T02:00:00Z');
    const late = await createThread(t, fan, board.id, { title: 'Camera freezes' });
    t.clock.set('2026-06-01T02:30:00Z');
    await reply(t, staff, late.id, 'Sorry for the wait');
    // 07:00 on June 2 in Tokyo: the digest of June 1, then the mail job.
    t.clock.set('2026-06-01T22:00:00Z');
    expect(await t.app.jobs.runDue('digest')).toBe('ran');
    expect(await t.app.jobs.runDue('mail')).toBe('ran');
  });

  it('sends one message to each subscribed executive and admin, none to anyone else', () => {
    const digests = catcher.mails.filter((m) => m.headers.get('list-unsubscribe')?.includes('list=digest'));
    expect(digests.map((m) => m.to).sort()).toEqual([[admin.email], [execEn.email], [execJa.email]].sort());
    // The rest is the fan's notification e-mail: the two staff answers to their threads.
    expect(catcher.mails.filter((m) => !digests.includes(m)).map((m) => m.subject)).toEqual([
      'Staff answered “Battery drains overnight”',
      'Staff answered “Camera freezes”',
    ]);
  });

  it('has a plain-text and an HTML part, the right subject and the digest’s figures, in the reader’s language', async () => {
    const digest = (await as(execEn, 'GET', '/api/digests/2026-06-01')).json();
    expect(digest.figures).toMatchObject({ newThreads: 2, newPosts: 4, obligations: 2, met: 1, breached: 1, compliance: 0.5 });
    const [en] = mailsTo(execEn);
    expect(en!.contentType).toMatch(/^multipart\/alternative/);
    expect(en!.subject).toBe('Kakera digest for 2026-06-01: 50% within target, 4 new posts');
    expect(en!.text).toContain('New threads: 2');
    expect(en!.text).toContain('Obligations opened: 2');
    expect(en!.text).toContain('Compliance: 50%');
    expect(en!.text).toContain('Median first response: 17 min 30 s'); // 5 and 30 minutes
    expect(en!.html).toContain(`href="http://localhost:3000/t/${threadId}"`);
    expect(en!.html).toContain('Battery drains overnight');
    expect(en!.headers.get('list-unsubscribe')).toMatch(/^<http:\/\/localhost:3000\/api\/unsubscribe\?token=[\w-]+&list=digest>$/);
    const [ja] = mailsTo(execJa);
    expect(ja!.subject).toBe('Kakera ダイジェスト 2026-06-01：目標内 50%・新規投稿 4 件');
    expect(ja!.text).toContain('新規スレッド: 2');
    expect(ja!.html).toContain('<html lang="ja">');
  });

  it('sends each digest once: another run, or regenerating it, sends nothing more', async () => {
    const before = catcher.mails.length;
    expect(await t.app.jobs.runDue('mail')).toBe('ran');
    expect((await as(execEn, 'POST', '/api/digests/2026-06-01/generate')).statusCode).toBe(200);
    expect(await t.app.jobs.runDue('mail')).toBe('ran');
    expect(catcher.mails.length).toBe(before);
  });

  it('stops for whoever follows the one-click unsubscribe link', async () => {
    const [en] = mailsTo(execEn);
    const res = await as(null, 'GET', unsubscribePath(en!));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true, list: 'digest' });
    expect((await as(execEn, 'GET', '/api/me/notification-settings')).json().settings).toMatchObject({ digestEmail: false });
    expect((await as(null, 'GET', '/api/unsubscribe?token=no-such-token-at-all&list=digest')).statusCode).toBe(404);
    const before = catcher.mails.length;
    t.clock.set('2026-06-02T22:00:00Z'); // 07:00 on June 3
    expect(await t.app.jobs.runDue('digest')).toBe('ran');
    await t.app.jobs.runDue('mail');
    const digests = catcher.mails.slice(before).filter((m) => m.headers.get('list-unsubscribe')?.includes('list=digest'));
    expect(digests.map((m) => m.to[0]).sort()).toEqual([admin.email, execJa.email].sort());
  });
});

describe('notification e-mail', () => {
  let fanA: TestUser, fanB: TestUser, fanC: TestUser, fanD: TestUser, fanJ: TestUser, other: TestUser;
  const answered = async (fan: TestUser, title: string) => {
    const th = await createThread(t, fan, board.id, { title });
    t.clock.advance(60_000);
    await reply(t, staff, th.id, 'Staff here');
    return th.id;
  };

  beforeAll(async () => {
    t.clock.set('2026-06-03T01:00:00Z'); // 10:00 on June 3 in Tokyo
    fanA = await createUser(t, { name: 'Fan Instant' });
    fanB = await createUser(t, { name: 'Fan Daily' });
    fanC = await createUser(t, { name: 'Fan Off' });
    fanD = await createUser(t, { name: 'Fan Muted' });
    fanJ = await createUser(t, { name: 'Fan Japanese' });
    other = await createUser(t, { name: 'Other Fan' });
    expect((await as(fanB, 'PATCH', '/api/me/notification-settings', { emailMode: 'daily' })).statusCode).toBe(200);
    expect((await as(fanC, 'PATCH', '/api/me/notification-settings', { emailMode: 'off' })).statusCode).toBe(200);
    expect((await as(fanD, 'PATCH', '/api/me/notification-settings', { mutedKinds: ['thread.staff_answered'] })).statusCode).toBe(200);
    expect((await as(fanJ, 'PATCH', '/api/me', { locale: 'ja' })).statusCode).toBe(200);
  });

  it('mails a staff answer to my thread at once, once, in my language; not what I did not choose, muted or switched off', async () => {
    const before = catcher.mails.length;
    const a = await answered(fanA, 'Wi-Fi keeps dropping');
    await reply(t, other, a, 'Same here'); // thread.replied: not one of the default e-mail kinds
    await answered(fanB, 'Daily one');
    await answered(fanB, 'Daily two');
    await answered(fanC, 'Mail is off');
    await answered(fanD, 'Muted kind');
    await answered(fanJ, '画面が暗い');
    expect(await t.app.jobs.runDue('mail')).toBe('ran');
    const sent = catcher.mails.slice(before);
    expect(sent.map((m) => m.to[0]).sort()).toEqual([fanA.email, fanJ.email].sort());
    const [mail] = mailsTo(fanA, before);
    expect(mail!.subject).toBe('Staff answered “Wi-Fi keeps dropping”');
    expect(mail!.text).toContain(`Open in Kakera: http://localhost:3000/t/${a}`);
    expect(mail!.html).toContain('Staff answered');
    expect(mail!.headers.get('list-unsubscribe')).toMatch(/list=notifications>$/);
    expect(mailsTo(fanJ, before)[0]!.subject).toBe('スタッフが「画面が暗い」に回答しました');
    // Muted: not even stored.
    const stored = (await as(fanD, 'GET', '/api/notifications')).json().notifications as { kind: string }[];
    expect(stored.filter((n) => n.kind === 'thread.staff_answered')).toEqual([]);
    // Once.
    const after = catcher.mails.length;
    expect(await t.app.jobs.runDue('mail')).toBe('ran');
    expect(catcher.mails.length).toBe(after);
  });

  it('gathers the daily ones into one summary at DIGEST_AT', async () => {
    const before = catcher.mails.length;
    t.clock.set('2026-06-03T21:59:00Z');
    await t.app.jobs.runDue('mail');
    expect(mailsTo(fanB, before)).toEqual([]);
    t.clock.set('2026-06-03T22:00:00Z'); // 07:00 on June 4
    await t.app.jobs.runDue('mail');
    const summary = mailsTo(fanB, before);
    expect(summary).toHaveLength(1);
    expect(summary[0]!.subject).toBe('Your Kakera summary: 2 notifications');
    expect(summary[0]!.text).toContain('Staff answered “Daily one”');
    expect(summary[0]!.text).toContain('Staff answered “Daily two”');
    await t.app.jobs.runDue('mail');
    expect(mailsTo(fanB, before)).toHaveLength(1);
    expect(mailsTo(fanC)).toEqual([]);
  });

  it('stops after the one-click unsubscribe', async () => {
    const [mail] = mailsTo(fanA);
    expect((await as(null, 'GET', unsubscribePath(mail!))).json()).toEqual({ ok: true, list: 'notifications' });
    expect((await as(fanA, 'GET', '/api/me/notification-settings')).json().settings.emailMode).toBe('off');
    const before = catcher.mails.length;
    await answered(fanA, 'After unsubscribing');
    await t.app.jobs.runDue('mail');
    expect(mailsTo(fanA, before)).toEqual([]);
  });
});

describe('without SMTP_URL', () => {
  it('sends nothing, fails nothing, and says so in the log once', async () => {
    const { database, url, drop } = await createTestDatabase();
    const lines: string[] = [];
    const clock = new ManualClock('2026-06-01T00:00:00Z');
    const config = loadConfig({
      SESSION_SECRET: 'test-secret-test-secret-test-secret-00',
      DATA_DIR: '/tmp/kakera-test-unused',
      RATE_LIMIT: 'off',
      LOG_LEVEL: 'info',
      PUBLIC_URL: 'http://localhost:3000',
      TZ,
      ...(url && { DATABASE_URL: url }),
    });
    const app = await buildApp({ config, database, clock, logStream: { write: (l) => void lines.push(l) } });
    try {
      await app.ready();
      expect(app.mailer).toBeNull();
      const jobs = await app.jobs.status();
      expect(jobs.map((j) => j.name)).not.toContain('mail');
      const before = catcher.mails.length;
      const tt = { app, database, clock, config } as unknown as TestApp;
      const boss = await createUser(tt, { role: 'admin', name: 'Lonely Admin' });
      const fan = await createUser(tt);
      const b = await createCategory(tt, boss);
      clock.set('2026-06-01T01:00:00Z');
      const th = await createThread(tt, fan, b.id);
      clock.advance(60_000);
      await reply(tt, boss, th.id, 'Answered');
      clock.set('2026-06-01T22:00:00Z');
      expect(await app.jobs.runDue('digest')).toBe('ran');
      expect((await app.jobs.status()).find((j) => j.name === 'digest')!.lastError).toBeNull();
      expect(catcher.mails.length).toBe(before);
      expect(lines.filter((l) => l.includes('SMTP_URL is not set'))).toHaveLength(1);
    } finally {
      await app.close();
      await database.close();
      await drop();
    }
  });
});
