import { describe, expect, it } from 'vitest';
import { demo, login, open, useBrowser, waitForExpression } from './browser.ts';
import { msg } from './messages.ts';

// The language switcher: choosing 日本語 survives a reload and a login,
// <html lang> follows, and dates are written the Japanese way.

describe('language', () => {
  const b = useBrowser();

  it('follows the browser’s Accept-Language on a first visit', async () => {
    for (const [accept, lang] of [
      ['ja-JP,ja;q=0.9', 'ja'],
      ['zh-CN,zh;q=0.9', 'zh-CN'],
      ['en-GB,en;q=0.8', 'en'],
    ] as const) {
      const { page } = await b.fresh({ locale: accept.split(',')[0]!, extraHTTPHeaders: { 'Accept-Language': accept } });
      await open(page, '/');
      expect(await page.getAttribute('html', 'lang'), accept).toBe(lang);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(msg('home_title', lang));
    }
  });

  it('switching to 日本語 survives a reload and a login, and <html lang> matches', async () => {
    const { page } = await b.fresh();
    await open(page, '/');
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await page.locator('summary', { hasText: msg('language_switch_label') }).click();
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: msg('locale_name_ja') }).click()]);
    await waitForExpression(page, 'document.documentElement.lang === "ja"');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(msg('home_title', 'ja'));

    await page.reload();
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(msg('home_title', 'ja'));

    // Signing in (an account without a saved language) keeps the choice.
    await page.context().clearCookies({ name: 'kakera_session' });
    await open(page, '/login');
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    await page.getByLabel(msg('field_email', 'ja')).fill(demo.fan3);
    await page.getByLabel(msg('field_password', 'ja')).fill('kakera-demo');
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 }),
      page
        .locator('main')
        .getByRole('button', { name: msg('login_submit', 'ja') })
        .click(),
    ]);
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.locator('header').textContent()).toContain('Alex Kim');

    // Dates and times on a board are written for the Japanese reader.
    await open(page, '/c/bugs');
    const times = await page.locator('main time').allTextContents();
    expect(times.length).toBeGreaterThan(0);
    expect(times.join(' '), 'relative times in Japanese').toMatch(/[前後年月日時分秒]/);
  });

  it('switching back to English works, and 简体中文 too', async () => {
    const { page } = await b.fresh({ locale: 'ja', extraHTTPHeaders: { 'Accept-Language': 'ja' } });
    await open(page, '/c/help');
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    for (const [label, lang] of [
      ['locale_name_zh_cn', 'zh-CN'],
      ['locale_name_en', 'en'],
    ] as const) {
      await page
        .locator('header details summary')
        .filter({ has: page.locator('svg') })
        .first()
        .click();
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: msg(label) }).click()]);
      await waitForExpression(page, `document.documentElement.lang === ${JSON.stringify(lang)}`);
      expect(new URL(page.url()).pathname).toBe('/c/help'); // back on the same page
      await page.reload();
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
    }
  });

  it('an account’s saved language applies when the browser has no choice yet', async () => {
    const { page } = await b.fresh();
    await login(page, demo.fan2); // 李伟: zh-CN saved on the account
    await open(page, '/');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
  });
});
