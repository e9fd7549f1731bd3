import type { ThreadObligation } from '$lib/types';

/**
 * An open obligation's state at `now`, as the server works it out (core's
 * `liveState`): warned from `warnAt`, breached from `dueAt`. The thread page
 * moves it with the reader's clock — the sweeper announces warnings and
 * breaches to staff only — as it already counts the time waited with it.
 * Any other state (met, closed…) is the server's and stays.
 */
export function obligationStateAt(o: ThreadObligation, now: number): ThreadObligation['state'] {
  if (o.state !== 'open' && o.state !== 'warned') return o.state;
  if (now >= Date.parse(o.dueAt)) return 'breached';
  if (now >= Date.parse(o.warnAt)) return 'warned';
  return o.state;
}

/** When `obligationStateAt` next changes after `now` (epoch ms), or null when it no longer does. */
export function nextObligationChange(o: ThreadObligation, now: number): number | null {
  if (o.state !== 'open' && o.state !== 'warned') return null;
  const warnAt = Date.parse(o.warnAt);
  const dueAt = Date.parse(o.dueAt);
  if (now < warnAt) return warnAt;
  if (now < dueAt) return dueAt;
  return null;
}
