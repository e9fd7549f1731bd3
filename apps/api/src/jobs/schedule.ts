import { addDays, localDate, localTimeOn } from '@kakera/core';

/** When a job runs: every `everyMs`, or daily at a local time (`HH:MM` in `timeZone`). */
export type Schedule = { everyMs: number } | { dailyAt: string; timeZone: string };

/** The next slot strictly after `after`. Intervals count from the end of the last run, so an outage does not cause a burst. */
export function nextSlot(schedule: Schedule, after: Date): Date {
  if ('everyMs' in schedule) return new Date(after.getTime() + schedule.everyMs);
  const today = localDate(after, schedule.timeZone);
  const atToday = localTimeOn(today, schedule.dailyAt, schedule.timeZone);
  return atToday.getTime() > after.getTime() ? atToday : localTimeOn(addDays(today, 1), schedule.dailyAt, schedule.timeZone);
}

/**
 * The first slot of a job never run before: now for intervals; for a daily
 * job the latest occurrence at or before `now`, so that a new install (or
 * one that was down at that time) makes the day's run at once.
 */
export function firstSlot(schedule: Schedule, now: Date): Date {
  if ('everyMs' in schedule) return now;
  const today = localDate(now, schedule.timeZone);
  const atToday = localTimeOn(today, schedule.dailyAt, schedule.timeZone);
  return atToday.getTime() <= now.getTime() ? atToday : localTimeOn(addDays(today, -1), schedule.dailyAt, schedule.timeZone);
}
