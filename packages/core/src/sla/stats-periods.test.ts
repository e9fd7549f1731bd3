import { describe, expect, it } from 'vitest';
import { isoWeek, mondayOf, periodKey, periodLabel, periodsBetween } from './stats-periods.ts';

describe('statistics periods', () => {
  it('weeks are ISO weeks, Monday first, named by the year of their Thursday', () => {
    expect(mondayOf('2023-08-09')).toBe('2023-08-07'); // a Wednesday
    expect(mondayOf('2023-08-07')).toBe('2023-08-07');
    expect(mondayOf('2023-08-13')).toBe('2023-08-07'); // a Sunday
    expect(isoWeek('2023-08-09')).toBe('2023-W32');
    expect(isoWeek('2021-01-03')).toBe('2020-W53'); // a Sunday of the last week of 2020
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2010-08-25')).toBe('2010-W34');
  });

  it('keys and labels', () => {
    expect(periodKey('day', '2023-08-09')).toBe('2023-08-09');
    expect(periodKey('week', '2023-08-09')).toBe('2023-08-07');
    expect(periodLabel('week', '2023-08-07')).toBe('2023-W32');
    expect(periodKey('month', '2023-08-09')).toBe('2023-08');
    expect(periodKey('year', '2023-08-09')).toBe('2023');
  });

  it('lists every period of a range, the partial first and last ones included', () => {
    expect(periodsBetween('week', '2023-08-09', '2023-08-21')).toEqual(['2023-08-07', '2023-08-14', '2023-08-21']);
    expect(periodsBetween('month', '2022-11-30', '2023-02-01')).toEqual(['2022-11', '2022-12', '2023-01', '2023-02']);
    expect(periodsBetween('year', '2010-08-25', '2023-08-09')).toHaveLength(14);
    expect(periodsBetween('day', '2024-02-28', '2024-03-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });
});

describe('days, written out', () => {
  it('agree with the calendar over leap years and centuries', () => {
    const days = periodsBetween('day', '1999-12-30', '2101-01-02');
    let d = new Date('1999-12-30T00:00:00Z');
    for (const day of days) {
      expect(day).toBe(d.toISOString().slice(0, 10));
      d = new Date(d.getTime() + 86_400_000);
    }
    expect(days.at(-1)).toBe('2101-01-02');
  });
});
