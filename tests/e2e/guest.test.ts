import { describe, expect, it } from 'vitest';
import { allThreads, apiGet, categories, errorsOf, open, useBrowser } from './browser.ts';
import { msg } from './messages.ts';

// A guest (not signed in) finds a thread from the home page and reads it.

describe('a guest', () => {
  const b = useBrowser();

  it('goes from the boards to a thread and reads its posts', async () => {
    const { page } = await b.fresh();
    const res = await page.goto('/');
    expect(res?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(msg('home_title'));

    // The bug board, then the battery thread in it.
    await page
      .getByRole('link', { name: /Bug reports/ })
      .first()
      .click();
    await page.waitForURL(/\/c\/bugs/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Bug reports');
    await page
      .getByRole('link', { name: /Battery drains overnight/ })
      .first()
      .click();
    await page.waitForURL(/\/t\/\d+/);

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Battery drains overnight after the 3.2 update');
    const main = page.locator('main');
    await expect(main.textContent()).resolves.toContain('Since updating to 3.2 my phone loses about 30%');
    await expect(main.textContent()).resolves.toContain('the scheduler retries too often');
    // The bug report's device and version are shown.
    await expect(main.textContent()).resolves.toContain('Pixel 8');
    await expect(main.textContent()).resolves.toContain('3.2.0 (build 1184)');
    // Four posts: the opening post and three replies, each an article.
    expect(await page.getByRole('article').count()).toBeGreaterThanOrEqual(4);
    // A guest is invited to sign in instead of getting a reply box.
    expect(await page.getByLabel(msg('reply_label')).count()).toBe(0);
    await expect(main.textContent()).resolves.toContain(msg('reply_login_prompt'));
    expect(errorsOf(page)).toEqual([]);
  });

  it('sees the latest activity across every board on the home page, each with its board', async () => {
    const { page } = await b.fresh();
    await open(page, '/');
    const latest = page.getByRole('region', { name: msg('home_latest_heading') });
    const titles = await latest.getByRole('heading', { level: 3 }).allTextContents();
    const api = await apiGet<{ threads: { title: string; categoryId: number }[] }>('/api/threads?limit=10');
    expect(titles.map((t) => t.trim())).toEqual(api.threads.map((t) => t.title));
    // Threads from more than one board, each card naming its board.
    expect(new Set(api.threads.map((t) => t.categoryId)).size).toBeGreaterThan(1);
    const boards = await categories();
    const first = boards.find((c) => c.id === api.threads[0]!.categoryId)!;
    expect(await latest.getByRole('article').first().textContent()).toContain(first.name);
  });

  it('reads a thread server-rendered, before any JavaScript', async () => {
    const { page } = await b.fresh({ javaScriptEnabled: false });
    const thread = (await allThreads()).find((t) => t.title.startsWith('How do I move my notes'))!;
    expect(thread).toBeDefined();
    const res = await page.goto(`/t/${thread.id}`);
    expect(res?.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(thread.title);
    expect(await page.locator('main').textContent()).toContain('Back up now');
  });

  it('gets a 404 page for a thread that does not exist', async () => {
    const { page } = await b.fresh();
    const res = await page.goto('/t/987654');
    expect(res?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(msg('error_page_404_title'));
  });
});
