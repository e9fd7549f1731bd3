import { CreateThreadBody, type ThreadKind } from '@kakera/contracts';

/** What the API makes of a thread without a kind. */
export const DEFAULT_KIND: ThreadKind = CreateThreadBody.shape.kind.parse(undefined);

/**
 * The kind a new thread on a board starts as: the most common among the
 * board's recent threads (newest first), so the Bug reports board opens a bug
 * report with its fields. Ties go to whichever kind got there first; an
 * empty board gets the API's default.
 */
export function usualKind(threads: readonly { kind: ThreadKind }[]): ThreadKind {
  const counts = new Map<ThreadKind, number>();
  let best = DEFAULT_KIND;
  let most = 0;
  for (const t of threads) {
    const n = (counts.get(t.kind) ?? 0) + 1;
    counts.set(t.kind, n);
    if (n > most) [best, most] = [t.kind, n];
  }
  return best;
}
