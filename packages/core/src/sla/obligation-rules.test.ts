import { describe, expect, it } from 'vitest';
import { decideOnPost, isBreached, liveState, obligationTimes } from './obligation-rules.ts';

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
