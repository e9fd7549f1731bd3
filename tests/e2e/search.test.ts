import { describe, expect, it } from 'vitest';
import {
  allThreads,
  apiLogin,
  baseURL,
  categories,
  demo,
  errorsOf,
  horizontalOverflow,
  open,
  PHONE,
  screenshot,
  seriousViolations,
  useBrowser,
} from './browser.ts';
import { msg } from './messages.ts';

// Search as people use it: the header's box on any page, the /search page
// with its filters and highlighted snippets (also before JavaScript), the
// similar threads that appear as a fan types a title on /new, and scripts in
// queries and posts that stay text.

const JA_BATTERY = '充電中に電池が熱くなる';

describe('search', () => {
  const b = useBrowser();

  it('a fan searches 電池 from the header and finds the Japanese thread, the word marked', async () => {
    const { context, page } = await b.fresh({ locale: 'ja' });
    await apiLogin(context, demo.fan);
    await open(page, '/');
    const box = page.getByRole('search').getByRole('searchbox');
    await box.fill('電池');
    await Promise.all([page.waitForURL(/\/search\?q=/), box.press('Enter')]);
    const result = page.locator('main article').filter({ hasText: JA_BATTERY });
    await expect.poll(() => result.count()).toBe(1);
    expect(await result.locator('mark').first().textContent()).toBe('電池');
    await Promise.all([page.waitForURL(/\/t\/\d+/), result.getByRole('link', { name: JA_BATTERY }).click()]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(JA_BATTERY);
    expect(errorsOf(page)).toEqual([]);
  });

  // axe on the search page on a phone is a11y.test.ts's ('search').
  it('filters by board and kind and pages, before JavaScript too, on a phone', async () => {
    const { page } = await b.fresh({ viewport: PHONE, javaScriptEnabled: false });
    await open(page, '/search?q=sync');
    const all = await page.locator('main article').count();
    expect(all).toBeGreaterThan(0);
    await page.locator('summary', { hasText: msg('search_filters') }).click();
    await page.getByLabel(msg('search_filter_board')).selectOption('bugs');
    await page.getByLabel(msg('search_filter_kind')).selectOption('bug');
    await Promise.all([page.waitForURL(/category=bugs/), page.getByRole('button', { name: msg('search_apply') }).click()]);
    const titles = await page.locator('main article h3').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.length).toBeLessThanOrEqual(all);
    expect(titles.some((t) => t.includes('Sync never finishes'))).toBe(true);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'search-phone-filtered');
  });

  it('a fan typing a title on /new sees the similar threads, solved ones marked', async () => {
    const { context, page } = await b.fresh({ locale: 'ja' });
    await apiLogin(context, demo.fan);
    await open(page, '/new?c=ja');
    const title = page.getByLabel(msg('field_title', 'ja'));
    await title.pressSequentially('電池が熱い', { delay: 40 });
    const similar = page.getByRole('region', { name: msg('similar_heading', 'ja') });
    const link = similar.getByRole('link', { name: new RegExp(JA_BATTERY) });
    await expect.poll(() => link.count(), { timeout: 10_000 }).toBe(1);
    const item = similar.getByRole('listitem').filter({ has: page.getByRole('link', { name: new RegExp(JA_BATTERY) }) });
    expect(await item.getByText(msg('badge_solved', 'ja')).count()).toBe(1);
    expect(await link.getAttribute('target')).toBe('_blank');
    // Typing on past the match keeps the list in step; clearing the title clears it.
    await title.fill('');
    await expect.poll(() => similar.count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errorsOf(page)).toEqual([]);
  });

  it('keeps scripts in queries and in found posts inert: text, never HTML', async () => {
    const { context, page } = await b.fresh();
    const origin = baseURL();
    await apiLogin(context, demo.fan3);
    const marker = `xssq${Date.now().toString(36)}`;
    const payloads = [
      `<script>window.__xss=1</script> ${marker}`,
      `<img src=x onerror="window.__xss=1"> ${marker}`,
      `"><svg onload="window.__xss=1"> ${marker}`,
      `[${marker}](javascript:window.__xss=1)`,
    ];
    const categoryId = (await categories()).find((c) => c.slug === 'help')!.id;
    const created = await context.request.post('/api/threads', {
      data: { categoryId, title: `<b onmouseover="window.__xss=1">${marker}</b>`, body: payloads.join('\n\n'), kind: 'question' },
      headers: { origin },
    });
    expect(created.status()).toBe(201);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    for (const q of [marker, `<script>window.__xss=1</script>${marker}`, `"><img src=x onerror=window.__xss=1>`]) {
      const res = await open(page, `/search?q=${encodeURIComponent(q)}`);
      expect(res?.status()).toBe(200);
      await page.waitForTimeout(300);
      expect(await page.evaluate('window.__xss')).toBeUndefined();
      expect(await page.locator('main script, main img, main svg[onload], main [onmouseover], main a[href^="javascript:"]').count()).toBe(
        0,
      );
      expect(
        await page
          .getByRole('searchbox', { name: msg('search_label') })
          .first()
          .inputValue(),
      ).toBe(q);
    }
    await open(page, `/search?q=${marker}`);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain(`<b onmouseover="window.__xss=1">${marker}</b>`);
    expect(text).toContain('<script>window.__xss=1</script>');
    expect(await page.locator('main mark').first().textContent()).toBe(marker);
    expect(dialogs).toEqual([]);
  });

  it('a thread in the demo is found by an English word in another form (stems)', async () => {
    const battery = (await allThreads()).find((t) => t.title.startsWith('Battery drains'))!;
    const { page } = await b.fresh();
    await open(page, '/search?q=draining+batteries');
    const first = page.locator('main article').first();
    expect(await first.getByRole('link', { name: /Battery drains/ }).getAttribute('href')).toContain(`/t/${battery.id}`);
  });
});
