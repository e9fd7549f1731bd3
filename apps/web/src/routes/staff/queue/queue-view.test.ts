import { describe, expect, it } from 'vitest';
import { queueView, turn } from './queue-view';

const rows = [
  { id: 1, state: 'open' as const },
  { id: 2, state: 'warned' as const },
  { id: 3, state: 'breached' as const },
];

describe('the live queue', () => {
  it('shows the rows as the server sent them until an event says otherwise', () => {
    expect(queueView(rows, [], {})).toEqual(rows);
  });

  it('turns a row to the state the server announced, and drops the rows met or closed', () => {
    const turned = turn(turn({}, 1, 'warned'), 2, 'breached');
    expect(queueView(rows, [3], turned)).toEqual([
      { id: 1, state: 'warned' },
      { id: 2, state: 'breached' },
    ]);
  });

  it('never turns a state back: a late warning after the breach, or a breached row from the server', () => {
    expect(turn(turn({}, 1, 'breached'), 1, 'warned')).toEqual({ 1: 'breached' });
    expect(queueView(rows, [], { 3: 'warned' })[2]).toEqual({ id: 3, state: 'breached' });
  });
});
