import { AppError } from './app-error.ts';

/** Opaque keyset cursors: base64url of a small JSON tuple. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: ('string' | 'number')[]): (string | number)[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === shape.length && parsed.every((v, i) => typeof v === shape[i])) {
      return parsed as (string | number)[];
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('invalid_input', 'Invalid cursor', { fields: [{ path: 'cursor', message: 'Invalid cursor' }] });
}
