import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiGet, hasHan, hasKana, open, PHONE, screenshot, useBrowser, type ThreadSummaryInfo } from './browser.ts';

// Japanese and Chinese threads render with their glyphs: the text is there,
// and Chromium drew it with a CJK font (not empty boxes). Screenshots are
// saved in test-results/ to be looked at.

/** The fonts Chromium really used to draw a node's text (DevTools protocol). */
async function fontsUsed(page: Page, selector: string): Promise<{ familyName: string; glyphCount: number }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts;
  } finally {
    await cdp.detach();
  }
}

const CJK_FONT =
  /CJK|Noto Sans (JP|SC|TC|KR)|Noto Serif|Source Han|WenQuanYi|IPA|Droid Sans Fallback|Takao|VL Gothic|AR PL|Hiragino|Yu Gothic|Meiryo|PingFang|Microsoft YaHei/i;

async function threadsOf(slug: string) {
  return (await apiGet<{ threads: ThreadSummaryInfo[] }>(`/api/categories/${slug}/threads?limit=100`)).threads;
}

describe('CJK threads', () => {
  const b = useBrowser();

  it.each([
    ['Japanese', 'ja', hasKana, 'ja'],
    ['Chinese', 'zh', (s: string) => hasHan(s) && !hasKana(s), 'zh-CN'],
  ] as const)('a %s thread renders with real glyphs', async (label, slug, test, locale) => {
    const thread = (await threadsOf(slug)).find((t) => test(t.title));
    expect(thread, `a ${label} demo thread in /c/${slug}`).toBeDefined();
    for (const [size, viewport] of [
      ['desktop', undefined],
      ['phone', PHONE],
    ] as const) {
      const { page } = await b.fresh({ locale, ...(viewport && { viewport }) });
      const res = await open(page, `/t/${thread!.id}`);
      expect(res?.status()).toBe(200);
      const h1 = page.getByRole('heading', { level: 1 });
      expect((await h1.textContent())!.trim()).toBe(thread!.title);
      const detail = await apiGet<{ posts: { body: string }[] }>(`/api/threads/${thread!.id}`);
      const firstLine = detail.posts[0]!.body.split('\n')[0]!.slice(0, 12);
      expect(await page.locator('main').textContent()).toContain(firstLine);

      const fonts = await fontsUsed(page, 'h1');
      expect(fonts.length, 'fonts used for the title').toBeGreaterThan(0);
      expect(
        fonts.some((f) => CJK_FONT.test(f.familyName) && f.glyphCount > 0),
        `the title was drawn with: ${fonts.map((f) => `${f.familyName} (${f.glyphCount})`).join(', ')}`,
      ).toBe(true);
      // The title is not clipped: it fits in its box.
      const clipped = await h1.evaluate((el) => {
        const e = el as unknown as { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number };
        return e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1;
      });
      expect(clipped).toBe(false);
      await screenshot(page, `cjk-${slug}-${size}`);
    }
  });

  it('the board names and descriptions in Japanese and Chinese render on the home page', async () => {
    const { page } = await b.fresh({ locale: 'ja' });
    await open(page, '/');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('日本語コミュニティ');
    expect(text).toContain('中文社区');
    await screenshot(page, 'cjk-home-ja');
  });
});
