import { describe, expect, it } from 'vitest';
import { similarity, similarityTokens } from './similarity-tokens.ts';

describe('similarityTokens', () => {
  it('keeps English words, lower-cased, without plurals and stop words', () => {
    expect(similarityTokens('The Battery drains when charging 2 phones')).toEqual(['battery', 'drain', 'charging', 'phone']);
  });

  it('splits Japanese and Chinese text into adjacent pairs', () => {
    expect(similarityTokens('電池が減る')).toEqual(['電池', '池が', 'が減', '減る']);
    expect(similarityTokens('疫苗副作用')).toEqual(['疫苗', '苗副', '副作', '作用']);
    expect(similarityTokens('MIUI 14の電池')).toEqual(['miui', '14', 'の電', '電池']);
  });

  it('finds the same problem worded a little differently, and not an unrelated one', () => {
    const a = similarityTokens('充電すると電池が熱くなる');
    const b = similarityTokens('電池が熱くなる問題');
    const c = similarityTokens('カメラのピントが合わない');
    expect(similarity(a, b)).toBeGreaterThan(0.3);
    expect(similarity(a, c)).toBe(0);
    expect(similarity(similarityTokens('Battery drains overnight'), similarityTokens('battery drain over night'))).toBeGreaterThan(0.3);
  });

  it('does not match two CJK characters that are not next to each other', () => {
    expect(similarityTokens('電気の池')).not.toContain('電池');
  });
});
