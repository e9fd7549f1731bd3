import { describe, expect, it } from 'vitest';
import { formatCountdown, formatDate, formatDuration, formatNumber, formatRelative, threadPath, titleSlug } from './format';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();

describe('formatNumber', () => {
  it('groups digits the way each locale does', () => {
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatNumber(12345, 'ja')).toBe('12,345');
    expect(formatNumber(12345, 'zh-CN')).toBe('12,345');
  });
});

describe('formatRelative', () => {
  it('says "now" under a minute', () => {
    expect(formatRelative(ago(20), 'en', NOW)).toBe('now');
    expect(formatRelative(ago(20), 'ja', NOW)).toBe('今');
    expect(formatRelative(ago(20), 'zh-CN', NOW)).toBe('现在');
  });

  it('picks the largest whole unit, with the locale’s plurals', () => {
    expect(formatRelative(ago(60), 'en', NOW)).toBe('1 minute ago');
    expect(formatRelative(ago(5 * 60), 'en', NOW)).toBe('5 minutes ago');
    expect(formatRelative(ago(3 * 3600), 'ja', NOW)).toBe('3 時間前');
    expect(formatRelative(ago(3 * 3600), 'zh-CN', NOW)).toBe('3小时前');
  });

  it('uses words like "yesterday" where the locale has them', () => {
    expect(formatRelative(ago(26 * 3600), 'en', NOW)).toBe('yesterday');
    expect(formatRelative(ago(26 * 3600), 'ja', NOW)).toBe('昨日');
    expect(formatRelative(ago(26 * 3600), 'zh-CN', NOW)).toBe('昨天');
  });

  it('handles the future too', () => {
    expect(formatRelative(new Date(NOW + 2 * 3600 * 1000), 'en', NOW)).toBe('in 2 hours');
  });
});

describe('formatDuration', () => {
  it('formats a response target in its largest unit', () => {
    expect(formatDuration(900, 'en')).toBe('15 minutes');
    expect(formatDuration(60, 'en')).toBe('1 minute');
    expect(formatDuration(900, 'ja')).toBe('15 分');
    expect(formatDuration(900, 'zh-CN')).toBe('15分钟');
    expect(formatDuration(5, 'en')).toBe('5 seconds');
    expect(formatDuration(5400, 'en')).toBe('1.5 hours');
    expect(formatDuration(2 * 86400, 'en')).toBe('2 days');
  });

  it('never shows negative time', () => {
    expect(formatDuration(-30, 'en')).toBe('0 seconds');
  });
});

describe('formatDate', () => {
  it('writes dates in the reader’s conventions', () => {
    const iso = '2026-03-10T12:00:00Z';
    expect(formatDate(iso, 'en')).toBe('Mar 10, 2026');
    expect(formatDate(iso, 'ja')).toBe('2026/03/10');
    expect(formatDate(iso, 'zh-CN')).toBe('2026年3月10日');
  });
});

describe('titleSlug / threadPath', () => {
  it('keeps letters of any script and drops punctuation', () => {
    expect(titleSlug('Battery drains fast after 14.0.3!')).toBe('battery-drains-fast-after-14-0-3');
    expect(titleSlug('カメラが起動しない')).toBe('カメラが起動しない');
    expect(titleSlug('  ??  ')).toBe('');
  });

  it('links to /t/:id/:slug, or /t/:id when the title has no letters', () => {
    expect(threadPath({ id: 7, title: 'Hello world' })).toBe('/t/7/hello-world');
    expect(threadPath({ id: 7, title: '!!!' })).toBe('/t/7');
    expect(threadPath({ id: 8, title: '电池' })).toBe(`/t/8/${encodeURIComponent('电池')}`);
  });
});

describe('formatCountdown', () => {
  it('ticks m:ss in the last hour, then hours and minutes, then whole days, either side of the due time', () => {
    expect(formatCountdown(0, 'en')).toBe('0:00');
    expect(formatCountdown(605, 'en')).toBe('10:05');
    expect(formatCountdown(-605, 'en')).toBe('10:05');
    expect(formatCountdown(3599, 'en')).toBe('59:59');
    expect(formatCountdown(2 * 3600 + 5 * 60 + 9, 'en')).toBe('2 hr 5 min');
    expect(formatCountdown(-7200, 'en')).toBe('2 hr');
    expect(formatCountdown(-(313 * 3600 + 31 * 60 + 13), 'en')).toBe('13 days');
    expect(formatCountdown(86400, 'en')).toBe('1 day');
    expect(formatCountdown(-(2 * 3600 + 5 * 60), 'ja')).toBe('2 時間 5 分');
    expect(formatCountdown(-(13 * 86400), 'zh-CN')).toBe('13天');
  });
});
