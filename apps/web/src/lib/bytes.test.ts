import { describe, expect, it } from 'vitest';
import { formatBytes } from './bytes';

describe('formatBytes', () => {
  it('words sizes in the reader’s language', () => {
    expect(formatBytes(840, 'en')).toBe('840 bytes');
    expect(formatBytes(12_345, 'en')).toBe('12 kB');
    expect(formatBytes(3_400_000, 'en')).toBe('3.4 MB');
    expect(formatBytes(3_400_000, 'ja')).toBe('3.4 MB');
    expect(formatBytes(1, 'en')).toBe('1 byte');
  });
});
