import { describe, expect, it } from 'vitest';
import { markdownToText } from './markdown-text.ts';

describe('markdownToText', () => {
  it('keeps the words a reader sees, without Markdown marks', () => {
    expect(markdownToText('# Title\n\nSome **bold** and [a link](https://example.com).\n\n- one\n- two')).toBe(
      'Title Some bold and a link. one two',
    );
  });

  it('keeps code and raw HTML as the text they are', () => {
    expect(markdownToText('Run `adb logcat`\n\n```\nx < y\n```\n\n<b>hi</b>')).toBe('Run adb logcat x < y <b>hi</b>');
  });

  it('puts spaces between lines, so words on two lines are two words', () => {
    expect(markdownToText('電池\n減る')).toBe('電池 減る');
  });
});
