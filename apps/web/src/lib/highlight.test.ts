import { describe, expect, it } from 'vitest';
import { highlightSegments } from './highlight';

describe('highlightSegments', () => {
  it('cuts the text at the ranges, marking them', () => {
    expect(highlightSegments('充電中に電池が熱い', [{ start: 4, end: 6 }])).toEqual([
      { text: '充電中に', mark: false },
      { text: '電池', mark: true },
      { text: 'が熱い', mark: false },
    ]);
  });

  it('tolerates ranges out of order, overlapping or past the end', () => {
    expect(
      highlightSegments('abcdef', [
        { start: 4, end: 99 },
        { start: 0, end: 2 },
        { start: 1, end: 3 },
        { start: 9, end: 12 },
      ]),
    ).toEqual([
      { text: 'abc', mark: true },
      { text: 'd', mark: false },
      { text: 'ef', mark: true },
    ]);
  });

  it('keeps markup as text to show', () => {
    expect(highlightSegments('<b>x</b>', [])).toEqual([{ text: '<b>x</b>', mark: false }]);
  });
});
