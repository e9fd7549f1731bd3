import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { allThreads, apiGet, open, uniqueEmail, useBrowser, waitForExpression } from './browser.ts';
import { msg } from './messages.ts';

// A keyboard-only journey: register, start a thread, reply and like, with
// Tab, arrows, typing and Enter/Space — the mouse is never touched. Every
// control focused on the way shows a visible focus indicator.

interface Focused {
  tag: string;
  id: string;
  text: string;
  visibleFocus: boolean;
}

const DESCRIBE_ACTIVE = `(() => {
  const el = document.activeElement;
  if (!el) return null;
  const cs = getComputedStyle(el);
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
  const shadow = cs.boxShadow && cs.boxShadow !== 'none';
  return { tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent || '').trim().slice(0, 60), visibleFocus: Boolean(outline || shadow) };
})()`;

/** Presses Tab until the focused element matches the selector; returns how it looked. */
async function tabTo(page: Page, selector: string, noFocusRing: string[], max = 80): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const matches = await page.evaluate(`Boolean(document.activeElement && document.activeElement.matches(${JSON.stringify(selector)}))`);
    if (matches) {
      const f = (await page.evaluate(DESCRIBE_ACTIVE)) as Focused;
      if (!f.visibleFocus) noFocusRing.push(`${f.tag}#${f.id} “${f.text}”`);
      return f;
    }
  }
  throw new Error(`Tab never reached ${selector} in ${max} presses`);
}

describe('keyboard only', () => {
  const b = useBrowser();

  it('registers, starts a thread, replies and likes without the mouse', async () => {
    const { page } = await b.fresh();
    const noFocusRing: string[] = [];
    const name = `Keys ${Date.now().toString(36)}`;

    // The skip link comes first.
    await open(page, '/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.getAttribute("href")')).toBe('#main');

    // Register: from the header link, then the form.
    await tabTo(page, 'header a[href^="/register"]', noFocusRing);
    await Promise.all([page.waitForURL(/\/register/), page.keyboard.press('Enter')]);
    await page.waitForLoadState('networkidle');
    await tabTo(page, '#name', noFocusRing);
    await page.keyboard.type(name);
    await tabTo(page, '#email', noFocusRing);
    await page.keyboard.type(uniqueEmail('keys'));
    await tabTo(page, '#password', noFocusRing);
    await page.keyboard.type('typed with keys only');
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/register'), { timeout: 30_000 }), page.keyboard.press('Enter')]);
    expect(await page.locator('header').textContent()).toContain(name);

    // Start a thread: to the board, its "New thread" link, then the form.
    await open(page, '/c/help');
    await tabTo(page, 'main a[href^="/new"]', noFocusRing);
    await Promise.all([page.waitForURL(/\/new/), page.keyboard.press('Enter')]);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('#categoryId option:checked').textContent()).toContain('Help');
    // The kind: a radio group, moved with the arrow keys.
    await tabTo(page, 'input[type=radio][name=kind]', noFocusRing);
    while ((await page.evaluate('document.activeElement.value')) !== 'question') await page.keyboard.press('ArrowRight');
    expect(await page.locator('input[name=kind][value=question]').isChecked()).toBe(true);
    await tabTo(page, '#title', noFocusRing);
    const title = `Keyboard question ${Date.now().toString(36)}`;
    await page.keyboard.type(title);
    await tabTo(page, '#body', noFocusRing);
    await page.keyboard.type('Can everything be done from the keyboard?');
    await tabTo(page, 'form button[type=submit]', noFocusRing);
    await Promise.all([page.waitForURL(/\/t\/\d+/, { timeout: 30_000 }), page.keyboard.press('Enter')]);
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(title);
    const threadId = Number(/\/t\/(\d+)/.exec(page.url())![1]);

    // Reply.
    await tabTo(page, '#reply-body', noFocusRing);
    const replyText = `Replying by keyboard ${Date.now().toString(36)}`;
    await page.keyboard.type(replyText);
    await tabTo(page, 'button[type=submit]:not([aria-pressed])', noFocusRing);
    expect((await page.evaluate('document.activeElement.textContent'))?.toString()).toContain(msg('reply_submit'));
    await page.keyboard.press('Enter');
    await page.locator('article', { hasText: replyText }).waitFor({ timeout: 15_000 });
    const detail = await apiGet<{ posts: { body: string }[] }>(`/api/threads/${threadId}`);
    expect(detail.posts.map((p) => p.body)).toContain(replyText);

    // Like someone else's post in another thread.
    const other = (await allThreads()).find((t) => t.title.startsWith('How do I move my notes'))!;
    await open(page, `/t/${other.id}`);
    const liked = await tabTo(page, 'button[aria-pressed="false"]', noFocusRing);
    expect(liked.text).toContain(msg('post_like'));
    const postId = Number(await page.evaluate('document.activeElement.closest("li[id^=post-]").id.replace("post-", "")'));
    await page.keyboard.press('Space');
    await waitForExpression(
      page,
      `document.querySelector('#post-${postId} button[aria-pressed]')?.getAttribute('aria-pressed') === 'true'`,
    );
    const after = await apiGet<{ posts: { id: number; likeCount: number }[] }>(`/api/threads/${other.id}`);
    expect(after.posts.find((p) => p.id === postId)!.likeCount).toBeGreaterThan(0);

    expect(noFocusRing, `controls without a visible focus indicator: ${noFocusRing.join(', ')}`).toEqual([]);
  });
});
