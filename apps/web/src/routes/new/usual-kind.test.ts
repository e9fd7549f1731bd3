import { describe, expect, it } from 'vitest';
import { DEFAULT_KIND, usualKind } from './usual-kind';

describe('usualKind', () => {
  it("is the board's most common recent kind, the default on an empty board", () => {
    expect(usualKind([{ kind: 'bug' }, { kind: 'question' }, { kind: 'bug' }])).toBe('bug');
    expect(usualKind([{ kind: 'suggestion' }, { kind: 'question' }, { kind: 'question' }])).toBe('question');
    expect(usualKind([])).toBe(DEFAULT_KIND);
    expect(DEFAULT_KIND).toBe('discussion');
  });
});
