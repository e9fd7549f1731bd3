import { expect, it } from 'vitest';
import { levelFor } from './level-policy.ts';

it('gives level 1 to newcomers and raises it at each threshold', () => {
  expect(levelFor(0)).toBe(1);
  expect(levelFor(9)).toBe(1);
  expect(levelFor(10)).toBe(2);
  expect(levelFor(149)).toBe(3);
  expect(levelFor(150)).toBe(4);
  expect(levelFor(1_000_000)).toBe(8);
});
