import { describe, expect, it } from 'vitest';
import type { StatsFigures } from '@kakera/contracts';
import { digestChanges, digestFigures, digestTrend, NO_ACTIVITY } from './digest-figures.ts';

const sla = (o: Partial<StatsFigures> = {}): StatsFigures => ({
  obligations: 0,
  met: 0,
  breached: 0,
  noResponseNeeded: 0,
  open: 0,
  compliance: null,
  medianSeconds: null,
  p90Seconds: null,
  resolved: 0,
  resolutionRate: null,
  ...o,
});

describe('the digest’s figures from day-by-day figures', () => {
  it('takes the SLA figures from the statistics unchanged and the activity from the forum', () => {
    const f = digestFigures(
      { newThreads: 3, newPosts: 20, activeFans: 7, staffResponses: 6 },
      sla({ obligations: 5, met: 3, breached: 1, open: 1, compliance: 0.75, medianSeconds: 412.5, resolved: 2 }),
    );
    expect(f).toEqual({
      newThreads: 3,
      newPosts: 20,
      activeFans: 7,
      staffResponses: 6,
      obligations: 5,
      met: 3,
      breached: 1,
      compliance: 0.75,
      medianFirstResponseSeconds: 412.5,
      resolved: 2,
    });
  });

  it('compares with the day before, and with the 7 days before: counts per day, compliance over the week, the mean median', () => {
    const day = (i: number, o: Partial<ReturnType<typeof digestFigures>> = {}) => ({
      ...digestFigures(
        { newThreads: i, newPosts: 10, activeFans: 1, staffResponses: i % 2 },
        sla({ obligations: 4, met: 3, breached: 1, compliance: 0.75 }),
      ),
      ...o,
    });
    const week = [0, 1, 2, 3, 4, 5, 6].map((i) =>
      day(i, { medianFirstResponseSeconds: i === 0 ? null : i * 100, resolved: i === 6 ? 7 : 0 }),
    );
    week[6] = { ...week[6]!, met: 0, breached: 4, compliance: 0 };
    const c = digestChanges({ previous: week[6]!, week });
    expect(c.newThreads).toEqual({ previous: 6, average7: 3 });
    expect(c.newPosts).toEqual({ previous: 10, average7: 10 });
    expect(c.staffResponses).toEqual({ previous: 0, average7: 0.43 });
    expect(c.obligations).toEqual({ previous: 4, average7: 4 });
    // 18 met, 10 breached over the week: not the mean of the daily rates (0.64).
    expect(c.compliance).toEqual({ previous: 0, average7: 18 / 28 });
    expect(c.medianFirstResponseSeconds).toEqual({ previous: 600, average7: 350 }); // days with answers: 100…600
    expect(c.resolved).toEqual({ previous: 7, average7: 1 });
  });

  it('compares with nothing when the week had nothing', () => {
    const empty = digestFigures(NO_ACTIVITY, sla());
    const c = digestChanges({ previous: empty, week: Array.from({ length: 7 }, () => empty) });
    expect(c.compliance).toEqual({ previous: null, average7: null });
    expect(c.medianFirstResponseSeconds).toEqual({ previous: null, average7: null });
    expect(c.newPosts).toEqual({ previous: 0, average7: 0 });
  });

  it('has one trend entry per day, from that day’s figures', () => {
    const t = digestTrend(['2026-01-01', '2026-01-02'], (d) =>
      d === '2026-01-02'
        ? digestFigures({ ...NO_ACTIVITY, newPosts: 4, newThreads: 1 }, sla({ obligations: 1, met: 1, compliance: 1 }))
        : digestFigures(NO_ACTIVITY, sla()),
    );
    expect(t).toEqual([
      { date: '2026-01-01', newThreads: 0, newPosts: 0, obligations: 0, met: 0, breached: 0, compliance: null },
      { date: '2026-01-02', newThreads: 1, newPosts: 4, obligations: 1, met: 1, breached: 0, compliance: 1 },
    ]);
  });
});
