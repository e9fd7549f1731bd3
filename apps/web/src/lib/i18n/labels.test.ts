import { describe, expect, it } from 'vitest';
import { errorStatus, type ErrorCode } from '@kakera/contracts';
import { m } from '$lib/paraglide/messages.js';
import { locales } from '$lib/paraglide/runtime.js';
import { errorText, fieldErrorText } from '$lib/server/error-text';
import { levelTitle, userBadge } from './labels';

describe('catalogue', () => {
  it('has a message for every API error code in every language', () => {
    for (const code of Object.keys(errorStatus) as ErrorCode[]) {
      const fn = (m as unknown as Record<string, (i?: unknown, o?: { locale: string }) => string>)[`error_${code}`];
      expect(fn, code).toBeTypeOf('function');
      const texts = locales.map((locale) => fn!({}, { locale }));
      expect(new Set(texts).size, code).toBe(locales.length);
    }
  });

  it('pluralises with Intl.PluralRules, not string concatenation', () => {
    expect(m.count_replies({ count: 1 }, { locale: 'en' })).toBe('1 reply');
    expect(m.count_replies({ count: 1234 }, { locale: 'en' })).toBe('1,234 replies');
    expect(m.count_replies({ count: 3 }, { locale: 'ja' })).toBe('返信 3 件');
    expect(m.count_replies({ count: 3 }, { locale: 'zh-CN' })).toBe('3 条回复');
  });
});

describe('labels', () => {
  it('words known codes and falls back for unknown ones', () => {
    expect(errorText('email_taken')).toBe(m.error_email_taken());
    expect(errorText('nope')).toBe(m.error_internal());
    expect(errorText(null)).toBe(m.error_internal());
  });

  it('explains field errors with the schema’s limits', () => {
    expect(fieldErrorText('title', 'too_small')).toBe(m.field_too_short({ min: 3 }));
    expect(fieldErrorText('title', 'too_big')).toBe(m.field_too_long({ max: 160 }));
    expect(fieldErrorText('body', 'too_small')).toBe(m.field_required());
    expect(fieldErrorText('email', 'invalid_format')).toBe(m.field_invalid_email());
    expect(fieldErrorText('email', 'email_taken')).toBe(m.error_email_taken());
    expect(fieldErrorText('name', 'too_big', { max: 80 })).toBe(m.field_too_long({ max: 80 }));
  });

  it('gives staff a staff badge with their team and fans their level title', () => {
    expect(userBadge('staff', 1)).toEqual({ text: m.badge_staff(), staff: true });
    expect(userBadge('admin', 9)).toEqual({ text: m.badge_staff(), staff: true });
    expect(userBadge('fan', 3)).toEqual({ text: m.level_3(), staff: false });
    expect(userBadge('executive', 1, 'Board')).toEqual({ text: m.badge_staff_team({ team: 'Board' }), staff: true });
    expect(userBadge('fan', 2, 'Ignored')).toEqual({ text: m.level_2(), staff: false });
    expect(levelTitle(0)).toBe(m.level_1());
    expect(levelTitle(99)).toBe(m.level_8());
  });
});
