import { describe, expect, it } from 'vitest';
import { findHighlights, makeSnippet } from './search-snippet.ts';
import { parseQuery } from './search-tokens.ts';

const marked = (text: string, ranges: { start: number; end: number }[]) => ranges.map((r) => text.slice(r.start, r.end));

describe('findHighlights', () => {
  it('marks English words by stem, as written', () => {
    const text = 'My Batteries drain fast; battery life is short';
    expect(marked(text, findHighlights(text, parseQuery('battery')))).toEqual(['Batteries', 'battery']);
  });

  it('marks a CJK word only where its characters are adjacent', () => {
    const text = '電気の池と電池';
    expect(marked(text, findHighlights(text, parseQuery('電池')))).toEqual(['電池']);
    const zh = '疫苗副作用與副作業';
    expect(marked(zh, findHighlights(zh, parseQuery('副作用')))).toEqual(['副作用']);
  });

  it('merges overlapping matches', () => {
    const text = '電池池';
    expect(findHighlights(text, parseQuery('電池 池池'))).toEqual([{ start: 0, end: 3 }]);
  });
});

describe('makeSnippet', () => {
  it('keeps short texts whole', () => {
    expect(makeSnippet('A battery', parseQuery('battery'))).toEqual({ text: 'A battery', highlights: [{ start: 2, end: 9 }] });
  });

  it('cuts a window around the first match, with ellipses, and moves the highlights with it', () => {
    const text = `${'lorem ipsum '.repeat(40)}the battery died ${'dolor sit '.repeat(40)}`;
    const s = makeSnippet(text, parseQuery('battery'), 100);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(102);
    expect(marked(s.text, s.highlights)).toEqual(['battery']);
  });

  it('never splits a character made of two code units', () => {
    const text = `${'😀'.repeat(200)}電池`;
    const s = makeSnippet(text, parseQuery('電池'), 51);
    expect(s.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(marked(s.text, s.highlights)).toEqual(['電池']);
  });

  it('is plain text: markup in a post stays text to show', () => {
    const s = makeSnippet('<script>alert(1)</script> battery', parseQuery('battery'));
    expect(s.text).toBe('<script>alert(1)</script> battery');
  });
});
