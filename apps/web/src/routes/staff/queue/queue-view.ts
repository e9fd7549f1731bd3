import type { QueueRow } from '$lib/types';

type State = QueueRow['state'];
/** States live events have turned rows to, by obligation id, until the next load. */
export type Turned = Readonly<Record<number, Exclude<State, 'open'>>>;

/**
 * Records a warning or a breach the server announced. A state never goes
 * back: a warning that arrives after the breach (a replay) changes nothing.
 */
export function turn(turned: Turned, id: number, state: Exclude<State, 'open'>): Turned {
  return turned[id] === 'breached' ? turned : { ...turned, [id]: state };
}

/**
 * The queue as the page shows it between loads: the rows the server sent,
 * without those met or closed since, each in the latest state the server
 * announced (the server's row wins when it is already further on).
 */
export function queueView<T extends Pick<QueueRow, 'id' | 'state'>>(rows: readonly T[], gone: readonly number[], turned: Turned): T[] {
  return rows
    .filter((r) => !gone.includes(r.id))
    .map((r) => {
      const state = turned[r.id];
      return state && r.state !== 'breached' && r.state !== state ? { ...r, state } : r;
    });
}
