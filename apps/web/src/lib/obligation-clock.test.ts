import { describe, expect, it } from 'vitest';
import type { ThreadObligation } from '$lib/types';
import { nextObligationChange, obligationStateAt } from './obligation-clock';

const at = (iso: string) => Date.parse(iso);
const o = (state: ThreadObligation['state']): ThreadObligation => ({
  id: 1,
  state,
  openedAt: '2026-03-02T10:00:00.000Z',
  warnAt: '2026-03-02T10:10:00.000Z',
  dueAt: '2026-03-02T10:15:00.000Z',
  respondedAt: null,
  targetSeconds: 900,
});

describe('an obligation on the thread page, as the clock moves', () => {
  it('is warned from its warning instant and breached from its due instant, not a millisecond before', () => {
    expect(obligationStateAt(o('open'), at('2026-03-02T10:09:59.999Z'))).toBe('open');
    expect(obligationStateAt(o('open'), at('2026-03-02T10:10:00.000Z'))).toBe('warned');
    expect(obligationStateAt(o('open'), at('2026-03-02T10:14:59.999Z'))).toBe('warned');
    expect(obligationStateAt(o('warned'), at('2026-03-02T10:15:00.000Z'))).toBe('breached');
    expect(obligationStateAt(o('open'), at('2026-03-02T11:00:00.000Z'))).toBe('breached');
  });

  it('keeps what the server said once the obligation is no longer waiting', () => {
    for (const state of ['met', 'no_response_needed', 'cancelled'] as const) {
      expect(obligationStateAt(o(state), at('2026-03-02T10:01:00.000Z'))).toBe(state);
      expect(obligationStateAt(o(state), at('2026-03-02T11:00:00.000Z'))).toBe(state);
    }
  });

  it('says when to look again', () => {
    expect(nextObligationChange(o('open'), at('2026-03-02T10:01:00.000Z'))).toBe(at('2026-03-02T10:10:00.000Z'));
    expect(nextObligationChange(o('warned'), at('2026-03-02T10:12:00.000Z'))).toBe(at('2026-03-02T10:15:00.000Z'));
    expect(nextObligationChange(o('open'), at('2026-03-02T10:15:00.000Z'))).toBeNull();
    expect(nextObligationChange(o('met'), at('2026-03-02T10:01:00.000Z'))).toBeNull();
  });
});
