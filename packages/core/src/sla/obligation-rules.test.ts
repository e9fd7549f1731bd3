import { describe, expect, it } from 'vitest';
import {
  classifyObligation,
  compliance,
  decideOnPost,
  isBreached,
  liveState,
  nextLiveStateChange,
  obligationTimes,
  percentile,
} from './obligation-rules.ts';

describe('decideOnPost', () => {
  it('opens an obligation on a fan post when none is open', () => {
    expect(decideOnPost(false, { authorRole: 'fan', kind: 'post' })).toBe('open');
  });
  it('does not restart the clock for further fan posts', () => {
    expect(decideOnPost(true, { authorRole: 'fan', kind: 'post' })).toBe('none');
  });
  it.each(['staff', 'executive', 'admin'] as const)('is met by a public %s post', (role) => {
    expect(decideOnPost(true, { authorRole: role, kind: 'post' })).toBe('meet');
  });
  it('opens nothing for a staff post without an obligation', () => {
    expect(decideOnPost(false, { authorRole: 'staff', kind: 'post' })).toBe('none');
  });
  it('ignores system messages', () => {
    expect(decideOnPost(true, { authorRole: 'staff', kind: 'system' })).toBe('none');
    expect(decideOnPost(false, { authorRole: 'fan', kind: 'system' })).toBe('none');
  });
});

describe('times and states', () => {
  const openedAt = new Date('2026-03-01T10:00:00Z');
  const { warnAt, dueAt } = obligationTimes(openedAt, 900);
  it('warns at two thirds and is due at the target', () => {
    expect(warnAt.toISOString()).toBe('2026-03-01T10:10:00.000Z');
    expect(dueAt.toISOString()).toBe('2026-03-01T10:15:00.000Z');
  });
  it('moves open → warned → breached as time passes', () => {
    const o = { status: 'open' as const, warnAt, dueAt, respondedAt: null };
    expect(liveState(o, new Date('2026-03-01T10:09:59Z'))).toBe('open');
    expect(liveState(o, new Date('2026-03-01T10:10:00Z'))).toBe('warned');
    expect(liveState(o, new Date('2026-03-01T10:15:00Z'))).toBe('breached');
  });
  it('says when the state next changes by time alone: the warning, then the due time, then never', () => {
    const o = { status: 'open' as const, warnAt, dueAt };
    expect(nextLiveStateChange(o, new Date('2026-03-01T10:09:59Z'))).toEqual(warnAt);
    expect(nextLiveStateChange(o, warnAt)).toEqual(dueAt);
    expect(nextLiveStateChange(o, dueAt)).toBeNull();
    expect(nextLiveStateChange({ ...o, status: 'met' }, openedAt)).toBeNull();
  });
  it('is breached when answered late or still open past due, not when answered on time', () => {
    const late = { status: 'met' as const, warnAt, dueAt, respondedAt: new Date('2026-03-01T10:15:01Z') };
    const onTime = { status: 'met' as const, warnAt, dueAt, respondedAt: new Date('2026-03-01T10:15:00Z') };
    const open = { status: 'open' as const, warnAt, dueAt, respondedAt: null };
    const now = new Date('2026-03-01T11:00:00Z');
    expect(isBreached(late, now)).toBe(true);
    expect(isBreached(onTime, now)).toBe(false);
    expect(isBreached(open, now)).toBe(true);
    expect(isBreached(open, new Date('2026-03-01T10:14:00Z'))).toBe(false);
  });
});

describe('classifyObligation (what the statistics count)', () => {
  const openedAt = new Date('2026-03-01T10:00:00Z');
  const { warnAt, dueAt } = obligationTimes(openedAt, 900);
  const now = new Date('2026-03-01T12:00:00Z');
  const o = (status: 'open' | 'met' | 'no_response_needed' | 'cancelled', respondedAt: string | null = null) => ({
    status,
    warnAt,
    dueAt,
    respondedAt: respondedAt ? new Date(respondedAt) : null,
  });
  it('met: answered within target, the due instant included', () => {
    expect(classifyObligation(o('met', '2026-03-01T10:05:00Z'), now)).toBe('met');
    expect(classifyObligation(o('met', '2026-03-01T10:15:00Z'), now)).toBe('met');
  });
  it('breached: answered late, or still open past due', () => {
    expect(classifyObligation(o('met', '2026-03-01T10:15:00.001Z'), now)).toBe('breached');
    expect(classifyObligation(o('open'), now)).toBe('breached');
    expect(classifyObligation(o('open'), dueAt)).toBe('breached');
  });
  it('open: still open and not yet due', () => {
    expect(classifyObligation(o('open'), new Date('2026-03-01T10:14:59.999Z'))).toBe('open');
  });
  it('no response needed is counted apart, however late it was closed; cancelled is left out', () => {
    expect(classifyObligation(o('no_response_needed'), now)).toBe('no_response_needed');
    expect(classifyObligation(o('cancelled'), now)).toBe('cancelled');
  });
  it('warns at two thirds of any target, rounded down to the millisecond', () => {
    expect(obligationTimes(openedAt, 3).warnAt.toISOString()).toBe('2026-03-01T10:00:02.000Z');
    expect(obligationTimes(openedAt, 10).warnAt.toISOString()).toBe('2026-03-01T10:00:06.666Z');
  });
});

describe('percentile and compliance', () => {
  it('interpolates like percentile_cont', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([100, 700, 200], 0.5)).toBe(200);
    expect(percentile([100, 200, 700], 0.9)).toBe(600);
    expect(percentile([200, 700], 0.5)).toBe(450);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
  });
  it('compliance is met / (met + breached), null when both are 0', () => {
    expect(compliance(1, 1)).toBe(0.5);
    expect(compliance(0, 3)).toBe(0);
    expect(compliance(0, 0)).toBeNull();
  });
});
