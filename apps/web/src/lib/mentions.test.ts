import { describe, expect, it } from 'vitest';
import { insertMention, mentionAt, mentionMarkdown } from './mentions';

describe('mentionAt', () => {
  it('finds the @name being typed before the caret', () => {
    expect(mentionAt('Thanks @Mi', 10)).toEqual({ start: 7, prefix: 'Mi' });
    expect(mentionAt('@aik', 4)).toEqual({ start: 0, prefix: 'aik' });
    expect(mentionAt('(@美香', 4)).toEqual({ start: 1, prefix: '美香' });
    expect(mentionAt('line\n@sam and more', 9)).toEqual({ start: 5, prefix: 'sam' });
  });

  it('ignores addresses, a lone @, a finished word and code', () => {
    expect(mentionAt('mail mika@example', 17)).toBeNull();
    expect(mentionAt('just @', 6)).toBeNull();
    expect(mentionAt('@Mika done', 10)).toBeNull();
    expect(mentionAt('`@Mi', 4)).toBeNull();
  });
});

describe('insertMention', () => {
  it('writes the exact link form and puts the caret after it', () => {
    const text = 'Thanks @Mi, see above';
    const q = mentionAt(text, 10)!;
    const out = insertMention(text, q, 10, { id: 12, name: 'Mika Tanaka' });
    expect(out.text).toBe('Thanks [@Mika Tanaka](/u/12) , see above');
    expect(out.text.slice(0, out.caret)).toBe('Thanks [@Mika Tanaka](/u/12) ');
  });

  it('keeps brackets and newlines out of the link text', () => {
    expect(mentionMarkdown({ id: 3, name: 'a]b[c' })).toBe('[@a b c](/u/3)');
  });
});
