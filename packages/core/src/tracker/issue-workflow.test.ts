import { describe, expect, it } from 'vitest';
import { checkMove, isAdoptedState, needsTriage } from './issue-workflow.ts';

describe('the issue workflow', () => {
  it.each([
    ['new', 'triaged'],
    ['triaged', 'planned'],
    ['planned', 'in_progress'],
    ['in_progress', 'fixed'],
    ['fixed', 'released'],
    ['triaged', 'fixed'],
    ['new', 'released'],
    ['planned', 'triaged'],
    ['released', 'fixed'],
    ['new', 'wont_fix'],
    ['in_progress', 'cannot_reproduce'],
    ['wont_fix', 'triaged'],
    ['duplicate', 'triaged'],
  ] as const)('%s → %s is allowed', (from, to) => {
    expect(checkMove(from, to)).toEqual({ ok: true });
  });

  it.each([
    ['planned', 'new', 'back only to triaged'],
    ['released', 'triaged', 'back only to fixed'],
    ['wont_fix', 'planned', 'reopens to triaged first'],
    ['new', 'duplicate', 'merging'],
    ['cannot_reproduce', 'released', 'reopens to triaged first'],
  ] as const)('%s → %s is refused (%s)', (from, to, why) => {
    const r = checkMove(from, to);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toContain(why);
  });

  it('duplicate is reached by merging', () => {
    expect(checkMove('triaged', 'duplicate', { merging: true })).toEqual({ ok: true });
  });

  it('adopted from planned on, open states only', () => {
    expect(['new', 'triaged', 'planned', 'in_progress', 'fixed', 'released', 'wont_fix'].map((s) => isAdoptedState(s as never))).toEqual([
      false,
      false,
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it('needs triage: new, a bug without severity, or nobody assigned; never when closed', () => {
    const base = { status: 'triaged' as const, type: 'bug', severity: 'S2', assigneeId: 3 };
    expect(needsTriage(base)).toBe(false);
    expect(needsTriage({ ...base, status: 'new' })).toBe(true);
    expect(needsTriage({ ...base, severity: null })).toBe(true);
    expect(needsTriage({ ...base, type: 'feature', severity: null })).toBe(false);
    expect(needsTriage({ ...base, assigneeId: null })).toBe(true);
    expect(needsTriage({ ...base, status: 'wont_fix', assigneeId: null })).toBe(false);
  });
});
