import { describe, expect, it } from 'vitest';
import { firstSlot, nextSlot } from './schedule.ts';

describe('job schedules', () => {
  it('an interval counts from the end of the last run', () => {
    expect(nextSlot({ everyMs: 1000 }, new Date('2026-03-01T10:00:00.500Z')).toISOString()).toBe('2026-03-01T10:00:01.500Z');
    expect(firstSlot({ everyMs: 1000 }, new Date('2026-03-01T10:00:00Z')).toISOString()).toBe('2026-03-01T10:00:00.000Z');
  });

  it('a daily time is local to its zone, also across a DST change', () => {
    const tokyo = { dailyAt: '07:00', timeZone: 'Asia/Tokyo' };
    // 06:59 in Tokyo → 07:00 the same day; 07:00 exactly → the next day.
    expect(nextSlot(tokyo, new Date('2026-03-01T21:59:00Z')).toISOString()).toBe('2026-03-01T22:00:00.000Z');
    expect(nextSlot(tokyo, new Date('2026-03-01T22:00:00Z')).toISOString()).toBe('2026-03-02T22:00:00.000Z');
    const ny = { dailyAt: '07:00', timeZone: 'America/New_York' };
    // The night clocks go forward (2026-03-08): 07:00 EST the day before, 07:00 EDT after.
    expect(nextSlot(ny, new Date('2026-03-07T13:00:00Z')).toISOString()).toBe('2026-03-08T11:00:00.000Z');
    expect(nextSlot(ny, new Date('2026-03-06T13:00:00Z')).toISOString()).toBe('2026-03-07T12:00:00.000Z');
  });

  it('a daily job never run makes the latest slot at once', () => {
    const utc = { dailyAt: '07:00', timeZone: 'UTC' };
    expect(firstSlot(utc, new Date('2026-03-01T10:00:00Z')).toISOString()).toBe('2026-03-01T07:00:00.000Z');
    expect(firstSlot(utc, new Date('2026-03-01T06:00:00Z')).toISOString()).toBe('2026-02-28T07:00:00.000Z');
  });
});
