import { describeDigestChange, type DigestFigureName } from '@kakera/contracts/digest-rules';
import type { Pathname } from '$app/types';
import type { ApiData } from '$lib/api/client';
import { formatDuration, formatNumber } from '$lib/format';

/**
 * How the digest page words and draws its figures (pure: the locale is
 * passed in). Which way is good for each figure is the contracts' word
 * (`@kakera/contracts/digest-rules`, zod-free for the browser); the page adds
 * numbers, arrows and colours.
 */

export type Digest = ApiData<'/api/digests/{date}'>;
export type DigestList = ApiData<'/api/digests'>;

export function percent(v: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v);
}

/** A figure as the page shows it: a count, a percentage, or a short duration ("4 min"). */
export function figureText(name: DigestFigureName, value: number | null, locale: string): string {
  if (value === null) return '–';
  if (name === 'compliance') return percent(value, locale);
  if (name === 'medianFirstResponseSeconds') return formatDuration(value, locale, 'short');
  return formatNumber(value, locale);
}

export interface ChangeView {
  arrow: '▲' | '▼' | '＝' | '–';
  /** Signed, e.g. "+5", "−2.1" (points for compliance: wrapped by the caller), "+12%", "+1 min". */
  amount: string;
  direction: 'up' | 'down' | 'same' | null;
  tone: 'good' | 'bad' | 'neutral';
  /** The amount is in percentage points (compliance). */
  points: boolean;
}

const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '±');

/**
 * A figure against the day before (`previous`: the difference) or the 7-day
 * average (`average`: the relative change of a count, the difference of a
 * rate or a duration).
 */
export function changeView(
  name: DigestFigureName,
  current: number | null,
  base: number | null,
  against: 'previous' | 'average',
  locale: string,
): ChangeView {
  const c = describeDigestChange(name, current, base);
  if (c.direction === null || c.delta === null) return { arrow: '–', amount: '', direction: null, tone: 'neutral', points: false };
  const arrow = c.direction === 'up' ? '▲' : c.direction === 'down' ? '▼' : '＝';
  const abs = Math.abs(c.delta);
  let amount: string;
  if (name === 'compliance') amount = sign(c.delta) + new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(abs * 100);
  else if (name === 'medianFirstResponseSeconds') amount = sign(c.delta) + formatDuration(abs, locale, 'short');
  else if (against === 'average' && c.relative !== null) amount = sign(c.delta) + percent(Math.abs(c.relative), locale);
  else amount = sign(c.delta) + new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(abs);
  return { arrow, amount, direction: c.direction, tone: c.tone, points: name === 'compliance' };
}

/** "Friday, 20 November 2026" in the reader's language (the date is a calendar day: no zone shifts it). */
export function longDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

/** "11-20" for a chart's axis. */
export const shortDay = (date: string) => date.slice(5);

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  value: number | null;
}

/** Bars for a small chart of `values` in a `width` × `height` box, scaled to `max` (a missing value has no bar, a zero a sliver). */
export function bars(values: (number | null)[], max: number, box: { width: number; height: number; gap?: number }): Bar[] {
  const band = box.width / Math.max(1, values.length);
  const gap = box.gap ?? Math.min(4, band * 0.2);
  return values.map((value, i) => {
    // A zero still shows as a sliver, so that it reads apart from a day without a value.
    const height = value === null ? 0 : Math.max(2, max > 0 ? (value / max) * box.height : 0);
    return { x: i * band + gap / 2, y: box.height - height, width: band - gap, height, value };
  });
}

/** An issue's page (the tracker's `/issues/:key`). */
export function issueHref(key: string): Pathname {
  const path: string = `/issues/${encodeURIComponent(key)}`;
  return path as Pathname;
}
