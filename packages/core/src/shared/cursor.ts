import { EARLIEST_DATE, LATEST_DATE } from '@kakera/contracts';
import { AppError } from './app-error.ts';

/** Opaque keyset cursors: base64url of a small JSON tuple. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: ('string' | 'number')[]): (string | number)[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === shape.length && parsed.every((v, i) => typeof v === shape[i] && inRange(v))) {
      return parsed as (string | number)[];
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('invalid_input', 'Invalid cursor', { fields: [{ path: 'cursor', message: 'Invalid cursor' }] });
}

// Cursors only ever hold int4 ids and counts, and ISO timestamps (what
// toISOString gives, or to the microsecond as search's cursors carry them) of rows, which all fall within the API's date range;
// anything else would reach SQL and fail there with a 500 (year 0, say).
const INT4_MAX = 2_147_483_647;
const FIRST_MS = Date.parse(`${EARLIEST_DATE}T00:00:00Z`);
const END_MS = Date.parse(`${LATEST_DATE}T00:00:00Z`) + 24 * 3600 * 1000;
function inRange(v: unknown): boolean {
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) <= INT4_MAX;
  if (typeof v === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(v)) return false;
    const ms = Date.parse(v);
    return ms >= FIRST_MS && ms < END_MS;
  }
  return false;
}
