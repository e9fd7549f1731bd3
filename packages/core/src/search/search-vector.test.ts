import { describe, expect, it } from 'vitest';
import { parseQuery } from './search-tokens.ts';
import { toTsquery, toTsvector } from './search-vector.ts';

describe('toTsvector', () => {
  it('weights the title A, and gives a CJK run adjacent positions', () => {
    expect(toTsvector('電池', '電池が減る')).toBe("'電池':1A,3 '池が':4 'が減':5 '減る':6");
  });

  it('keeps positions within what PostgreSQL stores', () => {
    const v = toTsvector(null, 'word '.repeat(20_000));
    expect(v.split(',').length).toBe(256);
    expect(toTsvector(null, Array.from({ length: 17_000 }, (_, i) => `w${i}`).join(' '))).toContain(':16383');
  });
});

describe('toTsquery', () => {
  it('asks for every part, phrases as adjacent pairs', () => {
    expect(toTsquery(parseQuery('battery 副作用'))).toBe("'batteri' & ('副作' <-> '作用')");
  });

  it('asks for any part, a lone CJK character as the start of a term', () => {
    expect(toTsquery(parseQuery('電池 電'))).toBe("'電池' & '電':*");
    expect(toTsquery(parseQuery('camera batt', { prefixLast: true }), { mode: 'any' })).toBe("'camera' | 'batt':*");
    expect(toTsquery(parseQuery('電池が'), { mode: 'any' })).toBe("'電池' | '池が'");
  });

  it('is null when nothing is left to search for', () => {
    expect(toTsquery(parseQuery('the, and!'))).toBeNull();
  });
});
