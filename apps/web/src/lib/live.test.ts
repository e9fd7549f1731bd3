import { describe, expect, it } from 'vitest';
import { backoffDelay } from './live.svelte';

describe('backoffDelay', () => {
  it('doubles from one second up to thirty, with jitter in the upper half', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(0, () => 1)).toBe(1000);
    expect(backoffDelay(3, () => 1)).toBe(8000);
    expect(backoffDelay(10, () => 1)).toBe(30_000);
    expect(backoffDelay(10, () => 0)).toBe(15_000);
  });
});
