import { describe, expect, it } from 'vitest';
import { firstLineText, markdownToText } from './markdown-text.ts';

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

describe('firstLineText', () => {
  it('is the first line with words, as plain text, trimmed', () => {
    expect(firstLineText('\n\n  ## **Battery** drains [fast](https://x.example)  \nSecond line')).toBe('Battery drains fast');
    expect(firstLineText('```\nadb logcat\n```')).toBe('adb logcat');
    expect(firstLineText('---\n> quoted *words*')).toBe('quoted words');
    expect(firstLineText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
    expect(firstLineText('')).toBe('');
  });

  it('cuts a long line at a space, or mid-word when there is none near, and says so', () => {
    expect(firstLineText('alpha beta gamma delta', 15)).toBe('alpha beta…');
    expect(firstLineText('電池の減りが早いです。アップデート後から', 8)).toBe('電池の減りが早…');
    expect([...firstLineText('x'.repeat(500))].length).toBe(140);
  });
});
