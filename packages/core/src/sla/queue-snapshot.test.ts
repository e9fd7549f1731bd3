import { describe, expect, it } from 'vitest';
import { liveState } from './obligation-rules.ts';
import { countStates, type Timeline } from './queue-snapshot.ts';

const T = Date.parse('2026-03-02T10:00:00Z');
/** Obligations opened at `T + opened[i]` seconds with a 60 s target (warned at 40 s). */
function timeline(opened: number[]): Timeline {
  return {
    warnAt: Float64Array.from(opened.map((s) => T + (s + 40) * 1000)).sort(),
    dueAt: Float64Array.from(opened.map((s) => T + (s + 60) * 1000)).sort(),
  };
}
const at = (s: number) => new Date(T + s * 1000);

describe('countStates', () => {
  it('counts nothing in an empty queue', () => {
    expect(countStates(timeline([]), at(0))).toEqual({ open: 0, warned: 0, breached: 0 });
  });

  it('moves an obligation from open to warned at its warning instant and to breached at its due instant, not a millisecond before', () => {
    const t = timeline([0]);
    expect(countStates(t, new Date(T + 40_000 - 1))).toEqual({ open: 1, warned: 0, breached: 0 });
    expect(countStates(t, at(40))).toEqual({ open: 0, warned: 1, breached: 0 });
    expect(countStates(t, new Date(T + 60_000 - 1))).toEqual({ open: 0, warned: 1, breached: 0 });
    expect(countStates(t, at(60))).toEqual({ open: 0, warned: 0, breached: 1 });
  });

  it('agrees with counting one by one, for many obligations and instants', () => {
    const opened = Array.from({ length: 500 }, (_, i) => (i * 7919) % 600);
    const t = timeline(opened);
    for (let s = -5; s <= 700; s += 3) {
      const now = at(s);
      // Each obligation's state by the rule itself (obligation-rules.ts), counted one by one.
      const expected = { open: 0, warned: 0, breached: 0 };
      for (const o of opened) {
        const state = liveState(
          { status: 'open', warnAt: new Date(T + (o + 40) * 1000), dueAt: new Date(T + (o + 60) * 1000), respondedAt: null },
          now,
        );
        expected[state as 'open' | 'warned' | 'breached']++;
      }
      expect(countStates(t, now)).toEqual(expected);
    }
  });
});
