// Local days in a time zone (TZ), for statistics and the digest. Dates are
// plain `YYYY-MM-DD` strings; instants are Dates. Days are not 24 hours long
// across a DST change, so every conversion goes through the zone's rules
// (Intl here, `AT TIME ZONE` in SQL), never through fixed offsets.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The local calendar date of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
function offsetMs(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a local day begins. Where midnight does not exist (a DST jump
 * at 00:00, as in some zones), the first existing instant of that day.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return localTimeOn(date, '00:00', timeZone);
}

/**
 * The instant a local wall-clock time `HH:MM` happens on a local day. Where
 * that time does not exist (skipped by a DST jump), the first existing
 * instant after it on that day.
 */
export function localTimeOn(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wallMidnight = Date.UTC(y, m - 1, d, hh, mm);
  // Two passes settle the offset on either side of a transition.
  let guess = wallMidnight - offsetMs(new Date(wallMidnight), timeZone);
  guess = wallMidnight - offsetMs(new Date(guess), timeZone);
  if (localDate(new Date(guess), timeZone) !== date) {
    // Midnight skipped: step forward to the first instant that is on `date`.
    let t = guess;
    while (localDate(new Date(t), timeZone) < date) t += 15 * 60 * 1000;
    guess = t;
  }
  return new Date(guess);
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The half-open interval of instants [start, end) covering local days `from`…`to`. */
export function localDayRange(from: string, to: string, timeZone: string): { start: Date; end: Date } {
  return { start: startOfLocalDay(from, timeZone), end: startOfLocalDay(addDays(to, 1), timeZone) };
}
