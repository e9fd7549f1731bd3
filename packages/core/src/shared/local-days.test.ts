import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, localDate, localDayRange, startOfLocalDay } from './local-days.ts';

describe('local days', () => {
  it('puts an instant on its local date, across the day boundary', () => {
    expect(localDate(new Date('2026-03-08T04:59:59Z'), 'America/New_York')).toBe('2026-03-07');
    expect(localDate(new Date('2026-03-08T05:00:00Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localDate(new Date('2026-01-15T14:59:59Z'), 'Asia/Tokyo')).toBe('2026-01-15');
    expect(localDate(new Date('2026-01-15T15:00:00Z'), 'Asia/Tokyo')).toBe('2026-01-16');
    expect(localDate(new Date('2026-01-15T23:59:59Z'), 'UTC')).toBe('2026-01-15');
  });

  it('knows that the spring-forward day has 23 hours and the fall-back day 25', () => {
    const spring = localDayRange('2026-03-08', '2026-03-08', 'America/New_York');
    expect(spring.start.toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(spring.end.toISOString()).toBe('2026-03-09T04:00:00.000Z');
    const fall = localDayRange('2026-11-01', '2026-11-01', 'America/New_York');
    expect(fall.start.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(fall.end.toISOString()).toBe('2026-11-02T05:00:00.000Z');
    const berlin = localDayRange('2026-03-29', '2026-03-29', 'Europe/Berlin');
    expect((berlin.end.getTime() - berlin.start.getTime()) / 3600_000).toBe(23);
  });

  it('the last instant before the next local midnight is still on the day, across DST', () => {
    const { end } = localDayRange('2026-03-08', '2026-03-08', 'America/New_York');
    expect(localDate(new Date(end.getTime() - 1), 'America/New_York')).toBe('2026-03-08');
    expect(localDate(end, 'America/New_York')).toBe('2026-03-09');
  });

  it('handles zones where midnight itself is skipped', () => {
    // America/Santiago springs forward at 24:00 → 01:00 (2026-09-06)
    const start = startOfLocalDay('2026-09-06', 'America/Santiago');
    expect(localDate(start, 'America/Santiago')).toBe('2026-09-06');
    expect(localDate(new Date(start.getTime() - 1), 'America/Santiago')).toBe('2026-09-05');
  });

  it('counts calendar days', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-03-07', '2026-03-09')).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    expect(daysBetween('2026-03-09', '2026-03-08')).toEqual([]);
  });

  it('in UTC a local day is the UTC day', () => {
    const { start, end } = localDayRange('2026-01-15', '2026-01-16', 'UTC');
    expect(start.toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(end.toISOString()).toBe('2026-01-17T00:00:00.000Z');
  });
});
