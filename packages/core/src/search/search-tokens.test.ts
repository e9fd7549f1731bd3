import { describe, expect, it } from 'vitest';
import { parseQuery, searchTokens } from './search-tokens.ts';

const terms = (text: string) => searchTokens(text).map((t) => t.term);

describe('searchTokens', () => {
  it('pairs adjacent Japanese characters, so a two-character word is a term', () => {
    expect(terms('電池が減る')).toEqual(['電池', '池が', 'が減', '減る']);
    expect(terms('充電すると電池が熱くなる')).toContain('電池');
  });

  it('pairs adjacent Chinese characters the same way', () => {
    expect(terms('接種疫苗後發燒')).toEqual(['接種', '種疫', '疫苗', '苗後', '後發', '發燒']);
  });

  it('never pairs characters that are not next to each other', () => {
    expect(terms('電気の池')).not.toContain('電池');
    expect(terms('電 池')).toEqual(['電', '池']);
    expect(terms('疫情與樹苗')).not.toContain('疫苗');
  });

  it('keeps English words by stem, lower-cased, without common words', () => {
    expect(terms('The Battery DRAINS while charging phones')).toEqual(['batteri', 'drain', 'charg', 'phone']);
    expect(terms('batteries drained')).toEqual(terms('battery drain'));
  });

  it('splits mixed text into words and CJK runs, and folds full-width letters', () => {
    expect(terms('MIUI14の電池')).toEqual(['miui14', 'の電', '電池']);
    expect(terms('ＭＩＵＩ１４')).toEqual(['miui14']);
    expect(terms('ｶﾒﾗ')).toEqual(['カメ', 'メラ']);
  });

  it('keeps where each term stands in the original text', () => {
    const text = 'Ｘ 電池が';
    const [a] = searchTokens(text); // one-letter words are left out
    expect(text.slice(a!.start, a!.end)).toBe('電池');
    const emoji = '😀 battery';
    const [b] = searchTokens(emoji);
    expect(emoji.slice(b!.start, b!.end)).toBe('battery');
  });
});

describe('parseQuery', () => {
  it('makes a two-character word one term and a longer one a phrase of pairs', () => {
    expect(parseQuery('電池')).toEqual([{ kind: 'term', term: '電池' }]);
    expect(parseQuery('副作用')).toEqual([{ kind: 'phrase', terms: ['副作', '作用'] }]);
  });

  it('matches a lone CJK character as the start of a term', () => {
    expect(parseQuery('電')).toEqual([{ kind: 'prefix', term: '電' }]);
  });

  it('stems English words and drops common ones and repeats', () => {
    expect(parseQuery('the batteries, battery drains')).toEqual([
      { kind: 'term', term: 'batteri' },
      { kind: 'term', term: 'drain' },
    ]);
    expect(parseQuery('the of and')).toEqual([]);
  });

  it('treats the last word of a title being typed as a prefix', () => {
    expect(parseQuery('camera batt', { prefixLast: true })).toEqual([
      { kind: 'term', term: 'camera' },
      { kind: 'prefix', term: 'batt' },
    ]);
    expect(parseQuery('camera batt ', { prefixLast: true }).at(-1)).toEqual({ kind: 'term', term: 'batt' });
  });
});
