import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition, downloadName, isPlainText } from './attachment-rules.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('isPlainText', () => {
  it('takes UTF-8 logs, Japanese included', () => {
    expect(isPlainText(bytes('2026-11-30 12:00:01 ERROR 電池 battery drain\n'))).toBe(true);
    expect(isPlainText(bytes(''))).toBe(true);
    expect(isPlainText(bytes('a < b and <b> is bold later on'))).toBe(true);
  });
  it('refuses NUL bytes and invalid UTF-8', () => {
    expect(isPlainText(new Uint8Array([0x68, 0x00, 0x69]))).toBe(false);
    expect(isPlainText(new Uint8Array([0x68, 0xff, 0xfe, 0x69]))).toBe(false);
    expect(isPlainText(new Uint8Array([0x4d, 0x5a, 0x90, 0x00]))).toBe(false);
  });
  it('refuses HTML, SVG and XML even though they are text', () => {
    for (const s of [
      '<!DOCTYPE html><p>hi',
      '  <html><script>alert(1)</script>',
      '\uFEFF<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      '<?xml version="1.0"?><svg/>',
      '<script>alert(1)</script>',
      '\n<!-- x -->',
      '<a href=x>',
    ]) {
      expect(isPlainText(bytes(s)), s).toBe(false);
    }
  });
});

describe('names', () => {
  it('keeps only the last path segment, without control characters', () => {
    expect(cleanFileName('C:\\Users\\me\\shot.png')).toBe('shot.png');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\u202Egnp.exe')).toBe('abgnp.exe');
    expect(cleanFileName('   ')).toBe('file');
    expect(Array.from(cleanFileName('字'.repeat(300)))).toHaveLength(200);
  });
  it('gives text downloads a text extension', () => {
    expect(downloadName('page.html', false)).toBe('page.html.txt');
    expect(downloadName('app.LOG', false)).toBe('app.LOG');
    expect(downloadName('shot.png', true)).toBe('shot.png');
  });
  it('encodes the name in Content-Disposition', () => {
    expect(contentDisposition('attachment', 'ログ "1";.txt')).toBe(
      `attachment; filename="__ _1__.txt"; filename*=UTF-8''%E3%83%AD%E3%82%B0%20%221%22%3B.txt`,
    );
    expect(contentDisposition('inline', `<img src=x onerror=alert(1)>.png`)).toBe(
      `inline; filename="<img src=x onerror=alert(1)>.png"; filename*=UTF-8''%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.png`,
    );
  });
});
