import { describe, expect, it } from 'vitest';
import { notificationText } from './notifications';

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

  it('never shows raw data it does not expect', () => {
    expect(notificationText({ kind: 'mention', data: { name: { evil: true }, title: 'T' } })).toBe(' mentioned you in “T”');
  });
});
