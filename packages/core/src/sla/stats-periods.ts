import type { StatsGroupBy } from '@kakera/contracts';
import { addDays } from '../shared/local-days.ts';

// The periods of time statistics are grouped by: the key and label of each,
// and every one a range of local dates covers (charts have no holes).

export type StatsPeriod = Extract<StatsGroupBy, 'day' | 'week' | 'month' | 'year'>;

export const isPeriod = (g: StatsGroupBy | 'none'): g is StatsPeriod => g === 'day' || g === 'week' || g === 'month' || g === 'year';

/** YYYY-MM-DD of a UTC midnight (civil-from-days, no Date object). */
function ymd(ms: number): string {
  let days = Math.floor(ms / 86_400_000) + 719_468;
  const era = Math.floor(days / 146_097);
  days -= era * 146_097;
  const yoe = Math.floor((days - Math.floor(days / 1460) + Math.floor(days / 36_524) - Math.floor(days / 146_096)) / 365);
  const doy = days - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** The Monday of the ISO week holding `date` (YYYY-MM-DD). */
export function mondayOf(date: string): string {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((dow + 6) % 7));
}

/** ISO 8601 week of a date: `2023-W31` (the year is the one its Thursday falls in). */
export function isoWeek(date: string): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = Number(thursday.slice(0, 4));
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - jan1) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The group key of a local date: itself, its week's Monday, YYYY-MM or YYYY. */
export function periodKey(period: StatsPeriod, date: string): string {
  if (period === 'week') return mondayOf(date);
  if (period === 'month') return date.slice(0, 7);
  if (period === 'year') return date.slice(0, 4);
  return date;
}

export function periodLabel(period: StatsPeriod, key: string): string {
  return period === 'week' ? isoWeek(key) : key;
}

/** Every period from the one holding `from` to the one holding `to`, in order. */
export function periodsBetween(period: StatsPeriod, from: string, to: string): string[] {
  const out: string[] = [];
  if (period === 'day' || period === 'week') {
    // Years of days: a counter of UTC midnights, written out by hand (no Date per day).
    const step = period === 'day' ? 1 : 7;
    const last = Date.parse(`${to}T00:00:00Z`);
    for (let t = Date.parse(`${period === 'day' ? from : mondayOf(from)}T00:00:00Z`); t <= last; t += step * 86_400_000) out.push(ymd(t));
    return out;
  }
  if (period === 'month') {
    let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
    for (;;) {
      const key = `${y}-${String(m).padStart(2, '0')}`;
      if (key > to.slice(0, 7)) return out;
      out.push(key);
      [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
    }
  }
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) out.push(String(y));
  return out;
}
