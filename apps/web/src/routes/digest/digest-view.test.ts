import { describe, expect, it } from 'vitest';
import { addDays, bars, changeView, figureText, longDate } from './digest-view';

describe('the digest page’s words and shapes', () => {
  it('words figures as counts, percentages and short durations', () => {
    expect(figureText('newPosts', 1234, 'en')).toBe('1,234');
    expect(figureText('compliance', 0.923, 'en')).toBe('92.3%');
    expect(figureText('medianFirstResponseSeconds', 252, 'en')).toBe('4 min');
    expect(figureText('compliance', null, 'en')).toBe('–');
  });

  it('shows changes with an arrow, a sign and a tone: more breaches are bad, a shorter median is good', () => {
    expect(changeView('breached', 6, 2, 'previous', 'en')).toMatchObject({ arrow: '▲', amount: '+4', tone: 'bad' });
    expect(changeView('newPosts', 120, 100, 'average', 'en')).toMatchObject({ arrow: '▲', amount: '+20%', tone: 'good' });
    expect(changeView('compliance', 0.9, 0.95, 'previous', 'en')).toMatchObject({ arrow: '▼', amount: '−5', points: true, tone: 'bad' });
    expect(changeView('medianFirstResponseSeconds', 300, 600, 'average', 'en')).toMatchObject({
      arrow: '▼',
      amount: '−5 min',
      tone: 'good',
    });
    expect(changeView('obligations', 3, 3, 'previous', 'en')).toMatchObject({ arrow: '＝', amount: '±0', tone: 'neutral' });
    expect(changeView('compliance', null, 0.5, 'previous', 'en')).toMatchObject({ arrow: '–', direction: null });
  });

  it('draws bars in their box, scaled to the largest, a sliver for zero, none for a missing value', () => {
    const b = bars([0, 5, 10, null], 10, { width: 100, height: 50, gap: 2 });
    expect(b.map((x) => Math.round(x.height))).toEqual([2, 25, 50, 0]);
    expect(b[2]).toMatchObject({ x: 51, y: 0, width: 23 });
  });

  it('reads calendar days as days, whatever the zone', () => {
    expect(longDate('2026-11-20', 'en')).toBe('Friday, November 20, 2026');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
