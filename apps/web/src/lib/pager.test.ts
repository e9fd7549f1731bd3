import { describe, expect, it } from 'vitest';
import { pageOfPosition, pagerItems, parsePage } from './pager';

/** The pager as text: numbers, `…` for gaps, the current page in brackets. */
const show = (page: number, count: number) =>
  pagerItems(page, count)
    .map((i) => (i.kind === 'gap' ? '…' : i.current ? `[${i.page}]` : String(i.page)))
    .join(' ');

describe('pagerItems', () => {
  it('is empty for a single page', () => {
    expect(pagerItems(1, 1)).toEqual([]);
    expect(pagerItems(1, 0)).toEqual([]);
  });

  it('always shows the first and last page and the current one with its neighbours', () => {
    expect(show(1, 20)).toBe('[1] 2 … 20');
    expect(show(9, 20)).toBe('1 … 8 [9] 10 … 20');
    expect(show(20, 20)).toBe('1 … 19 [20]');
    expect(show(2, 3)).toBe('1 [2] 3');
  });

  it('never hides a single page behind a gap', () => {
    expect(show(4, 20)).toBe('1 2 3 [4] 5 … 20');
    expect(show(17, 20)).toBe('1 … 16 [17] 18 19 20');
    expect(show(1, 3)).toBe('[1] 2 3');
    expect(show(3, 5)).toBe('1 2 [3] 4 5');
  });

  it('stays short enough for a phone: at most seven numbers and gaps', () => {
    for (let count = 1; count <= 40; count++) {
      for (let page = 1; page <= count; page++) expect(pagerItems(page, count).length).toBeLessThanOrEqual(7);
    }
  });

  it('marks no page current for a page past the end', () => {
    expect(show(25, 20)).toBe('1 … 20');
  });
});

describe('pageOfPosition', () => {
  it('puts post numbers 1–50 on page 1, 51–100 on page 2', () => {
    expect([1, 50, 51, 100, 101, 120].map((n) => pageOfPosition(n, 50))).toEqual([1, 1, 2, 2, 3, 3]);
    expect(pageOfPosition(21, 20)).toBe(2);
  });
});

describe('parsePage', () => {
  it('takes positive whole numbers and nothing else', () => {
    expect(parsePage('1')).toBe(1);
    expect(parsePage('12')).toBe(12);
    expect(parsePage('10000000')).toBe(10_000_000);
    for (const bad of [null, '', '0', '-1', '01', '1.5', '1e3', 'abc', ' 2', '10000001', '99999999999']) expect(parsePage(bad)).toBeNull();
  });
});
