import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages.js';
import { historyText, threadIdOf, type IssueChange } from './tracker-labels';

const change = (field: string, from: string | null, to: string | null, actor: string | null = 'Emi'): IssueChange => ({
  id: 1,
  actor: actor ? { id: 2, name: actor, role: 'staff', level: 1, team: null } : null,
  at: '2026-11-30T12:00:00.000Z',
  field,
  from,
  to,
});

describe('an issue’s history in words', () => {
  it('words each kind of change with its values in the reader’s language, never as codes', () => {
    expect(historyText(change('status', 'new', 'in_progress'))).toBe(
      m.issue_history_changed({ name: 'Emi', field: m.issue_field_status(), from: m.issue_status_new(), to: m.issue_status_in_progress() }),
    );
    expect(historyText(change('severity', null, 'S2'))).toBe(
      m.issue_history_set({ name: 'Emi', field: m.issue_field_severity(), to: m.issue_severity_s2() }),
    );
    expect(historyText(change('priority', 'P1', null))).toBe(
      m.issue_history_cleared({ name: 'Emi', field: m.issue_field_priority(), from: m.issue_priority_p1() }),
    );
    expect(historyText(change('description', 'a', 'b'))).toBe(m.issue_history_description({ name: 'Emi' }));
    expect(historyText(change('merged_into', null, 'KAK-3'))).toBe(m.issue_history_merged_into({ name: 'Emi', key: 'KAK-3' }));
    expect(historyText(change('votes_moved', null, '4'), new Map(), () => undefined)).toBe(
      m.issue_history_votes_moved({ name: 'Emi', count: 4 }),
    );
  });

  it('names people and threads when it knows them, and says who did it when nobody did', () => {
    expect(historyText(change('assignee', null, '7'), new Map([[7, 'Chen']]))).toBe(
      m.issue_history_set({ name: 'Emi', field: m.issue_field_assignee(), to: 'Chen' }),
    );
    expect(historyText(change('assignee', null, '8'))).toBe(
      m.issue_history_set({ name: 'Emi', field: m.issue_field_assignee(), to: m.issue_someone({ id: '8' }) }),
    );
    expect(historyText(change('linked', null, 'thread:42'), new Map(), (id) => (id === 42 ? 'Camera freezes' : undefined))).toBe(
      m.issue_history_linked({ name: 'Emi', title: 'Camera freezes' }),
    );
    expect(historyText(change('created', null, 'thread:42', null))).toBe(m.issue_history_created({ name: m.issue_history_system() }));
    expect(threadIdOf('thread:42')).toBe(42);
    expect(threadIdOf('KAK-1')).toBeNull();
  });
});
