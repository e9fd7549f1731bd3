import { describe, expect, it } from 'vitest';
import { changedFields } from './issue-edit';

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.set(k, v);
  return f;
};

describe('the issue edit form', () => {
  it('sends only what was changed, so another staff member’s change to another field stands', () => {
    const body = changedFields(
      form({
        title: 'Battery drains',
        'was.title': 'Battery drains',
        status: 'planned',
        'was.status': 'triaged',
        priority: 'P1',
        'was.priority': 'P2',
        component: '',
        'was.component': 'Power',
        assigneeId: '',
        'was.assigneeId': '7',
        labels: 'battery, 3.2',
        'was.labels': 'battery,3.2',
      }),
    );
    expect(body).toEqual({ status: 'planned', priority: 'P1', component: null, assigneeId: null });
  });

  it('reads a description sent with CRLF line ends as unchanged, and labels from commas in any script', () => {
    expect(changedFields(form({ description: 'one\r\ntwo\r\n', 'was.description': 'one\ntwo' }))).toEqual({});
    expect(changedFields(form({ labels: 'a、b，c', 'was.labels': '' }))).toEqual({ labels: ['a', 'b', 'c'] });
    expect(changedFields(form({ assigneeId: '12', 'was.assigneeId': '' }))).toEqual({ assigneeId: 12 });
  });
});
