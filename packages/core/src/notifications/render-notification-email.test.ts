import { describe, expect, it } from 'vitest';
import { NotificationKind } from '@kakera/contracts';
import { NOTIFICATION_MAIL_TEXTS, notificationMailText } from './notification-email-texts.ts';
import { renderNotificationEmail } from './render-notification-email.ts';

const data = { key: 'KAK-4', title: 'Dark mode', to: 'planned', points: 50, name: 'Aiko', from: 'Sam', note: 'Look' };
const links = { publicUrl: 'https://forum.example', token: 'tok_123' };

describe('notification e-mail', () => {
  it('words every kind in every language, with what the notification is made of', () => {
    for (const locale of ['en', 'ja', 'zh-CN'] as const) {
      for (const kind of NotificationKind.options) {
        const text = notificationMailText(locale, { kind, data });
        expect(text, `${locale} ${kind}`).not.toBe(NOTIFICATION_MAIL_TEXTS[locale].generic);
        expect(text.length).toBeGreaterThan(5);
      }
    }
    expect(notificationMailText('en', { kind: 'issue.status_changed', data })).toBe('KAK-4 “Dark mode” is now Planned');
    expect(notificationMailText('ja', { kind: 'issue.status_changed', data })).toBe('KAK-4「Dark mode」が「予定」になりました');
    expect(notificationMailText('zh-CN', { kind: 'thread.staff_answered', data })).toBe('官方已回复“Dark mode”');
    expect(notificationMailText('en', { kind: 'something.new', data })).toBe('Something new for you');
  });

  it('mails one notification with its link, a footer with settings and unsubscribe, and a List-Unsubscribe header', () => {
    const m = renderNotificationEmail(
      'en',
      'fan@example.com',
      [{ kind: 'thread.staff_answered', data: { title: 'A <b>bold</b>\nquestion' }, url: '/t/9#post-3' }],
      links,
    );
    expect(m.subject).toBe('Staff answered “A <b>bold</b> question”');
    expect(m.text).toContain('Open in Kakera: https://forum.example/t/9#post-3');
    expect(m.text).toContain('Stop these e-mails: https://forum.example/unsubscribe?token=tok_123&list=notifications');
    expect(m.html).toContain('A &lt;b&gt;bold&lt;/b&gt;');
    expect(m.headers).toEqual({ 'List-Unsubscribe': '<https://forum.example/api/unsubscribe?token=tok_123&list=notifications>' });
  });

  it('gathers several into one summary', () => {
    const m = renderNotificationEmail(
      'ja',
      'fan@example.com',
      [
        { kind: 'issue.adopted', data, url: '/issues/KAK-4' },
        { kind: 'thread.replied', data, url: '/t/3' },
      ],
      links,
    );
    expect(m.subject).toBe('Kakera のまとめ：お知らせ 2 件');
    expect(m.text).toContain('- あなたのアイデアが KAK-4 として採用されました（+50 ポイント）\n  https://forum.example/issues/KAK-4');
  });
});
