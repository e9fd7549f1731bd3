/** The rows of a raw `db.execute(sql…)`: node-postgres and PGlite both answer `{ rows }`, but typed apart. */
export function rowsOf<T>(result: unknown): T[] {
  const r = result as { rows?: T[] } | T[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}
