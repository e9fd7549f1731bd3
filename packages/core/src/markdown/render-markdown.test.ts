import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render-markdown.ts';

describe('renderMarkdown', () => {
  it('renders Markdown', () => {
    expect(renderMarkdown('**bold** and `code`')).toBe('<p><strong>bold</strong> and <code>code</code></p>\n');
  });

  it('escapes raw HTML instead of passing it through', () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'vbscript:x',
    'data:text/html,<b>x</b>',
    ' javascript:alert(1)',
    '//evil.example/x',
  ])('refuses the link %s', (href) => {
    const html = renderMarkdown(`[click](${href})`);
    expect(html).not.toMatch(/<a /);
  });

  it('keeps safe links and marks them as user content', () => {
    const html = renderMarkdown('[site](https://example.com/a?b=1) and [local](/t/1)');
    expect(html).toContain('<a href="https://example.com/a?b=1" rel="nofollow ugc noopener noreferrer">site</a>');
    expect(html).toContain('<a href="/t/1">local</a>');
  });

  it('turns images into links so nothing loads from elsewhere', () => {
    expect(renderMarkdown('![x](https://example.com/a.png)')).toContain('<a href="https://example.com/a.png"');
    expect(renderMarkdown('![x](javascript:alert(1))')).not.toContain('href');
  });

  it('keeps CJK text intact', () => {
    expect(renderMarkdown('充電が遅い 充电很慢')).toBe('<p>充電が遅い 充电很慢</p>\n');
  });
});
