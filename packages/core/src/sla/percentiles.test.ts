import { describe, expect, it } from 'vitest';
import { percentile } from './obligation-rules.ts';
import { percentiles } from './percentiles.ts';

describe('percentiles by selection', () => {
  it('equal percentile_cont (obligation-rules.ts) on any values, duplicates and sorted runs included', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 1; n <= 300; n++) {
      const kind = n % 3;
      const values = Array.from({ length: n }, (_, i) => (kind === 0 ? Math.floor(rnd() * 5) : kind === 1 ? i * 1.5 : rnd() * 1e6));
      const got = percentiles(Float64Array.from(values), [0.5, 0.9]);
      expect(got).toEqual([percentile(values, 0.5), percentile(values, 0.9)]);
    }
    expect(percentiles(new Float64Array(0), [0.5])).toEqual([null]);
  });
});
