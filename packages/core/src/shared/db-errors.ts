/** A unique index refused the row (PostgreSQL 23505), however the driver wraps it. */
export function isUniqueViolation(e: unknown): boolean {
  let err = e as { code?: string; cause?: unknown } | undefined;
  for (let depth = 0; err && depth < 4; depth++) {
    if (err.code === '23505') return true;
    err = err.cause as typeof err;
  }
  return false;
}
