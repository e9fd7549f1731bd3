import { describe, expect, it } from 'vitest';
import { NotificationKind } from '@kakera/contracts';
import { notificationHref, notificationText } from './notifications';

describe('notificationText', () => {
  it('words each kind from its parts', () => {
    expect(notificationText({ kind: 'issue.status_changed', data: { key: 'KAK-4', title: 'Dark mode', to: 'in_progress' } })).toBe(
      'KAK-4 “Dark mode” is now In progress',
    );
    expect(notificationText({ kind: 'issue.adopted', data: { key: 'KAK-4', points: 50 } })).toBe(
      'Your idea was adopted as KAK-4: +50 points',
    );
    expect(notificationText({ kind: 'escalation.received', data: { from: 'Sam', note: 'Please look' } })).toBe(
      'Sam escalated to you: Please look',
    );
  });

  it('words every kind the API sends, none with the generic text', () => {
    const data = {
      key: 'KAK-4',
      title: 'Dark mode',
      to: 'planned',
      points: 50,
      name: 'Aiko',
      from: 'Sam',
      note: 'n',
      level: 3,
      badge: 'bug_hunter',
    };
    for (const kind of NotificationKind.options) {
      const text = notificationText({ kind, data });
      expect(text, kind).not.toBe('Something new for you');
      expect(text, kind).not.toMatch(/undefined|\{|\}/);
    }
  });

  it('words ranks: a new level with its title, a badge by its name', () => {
    expect(notificationText({ kind: 'rank.level_up', data: { level: 3, points: 120 } })).toBe('You reached level 3: Regular');
    expect(notificationText({ kind: 'rank.badge', data: { badge: 'first_accepted_answer', reason: 'T' } })).toBe(
      'You earned the “First accepted answer” badge',
    );
    expect(notificationText({ kind: 'rank.badge', data: { badge: 'new_one' } })).toBe('You earned the “new_one” badge');
  });

  it('words the tracker: a status change and an adoption', () => {
    expect(notificationText({ kind: 'issue.status_changed', data: { key: 'KAK-9', title: 'Crash', to: 'released' } })).toBe(
      'KAK-9 “Crash” is now Released',
    );
    expect(notificationText({ kind: 'issue.adopted', data: { key: 'KAK-9', points: 25 } })).toBe(
      'Your idea was adopted as KAK-9: +25 points',
    );
  });

  it('links only to paths of this site', () => {
    expect(notificationHref({ url: '/t/4?post=9#post-9' })).toBe('/t/4?post=9#post-9');
    expect(notificationHref({ url: '//evil.example/x' })).toBeNull();
    expect(notificationHref({ url: 'javascript:alert(1)' })).toBeNull();
    expect(notificationHref({ url: 'https://evil.example' })).toBeNull();
    expect(notificationHref({ url: null })).toBeNull();
  });

  it('never shows raw data it does not expect', () => {
    expect(notificationText({ kind: 'mention', data: { name: { evil: true }, title: 'T' } })).toBe(' mentioned you in “T”');
  });
});
