import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  apiGet,
  apiLogin,
  baseURL,
  categories,
  demo,
  errorsOf,
  horizontalOverflow,
  open,
  PHONE,
  seriousViolations,
  useBrowser,
} from './browser.ts';
import { msg } from './messages.ts';

// A long thread is paged by post number (50 a page) with a numbered pager at
// the top and bottom. A fan who replies from page 1 lands on page 2 at their
// new post, with or without JavaScript; the pager, post numbers and `?post=`
// links lead to the right page; a reply on a later page shows up as a notice
// there; and the pager fits a phone.

interface ThreadDetail {
  posts: { id: number; position: number }[];
  page: number;
  pageCount: number;
}

const pageLink = (n: number) => msg('pager_page').replace('{page}', String(n));
const topPager = (page: Page) => page.getByRole('navigation', { name: msg('pager_thread_top'), exact: true });
const currentPage = async (page: Page) => (await topPager(page).locator('a[aria-current="page"]').textContent())?.trim();
const pageParam = (page: Page) => new URL(page.url()).searchParams.get('page');

describe('a thread of more than one page', () => {
  const b = useBrowser();
  let poster: { context: BrowserContext; page: Page };
  let threadId: number;
  let path: string;

  const post = async (body: string) => {
    const res = await poster.context.request.post(`/api/threads/${threadId}/posts`, { data: { body }, headers: { origin: baseURL() } });
    expect(res.status()).toBe(201);
    return (await res.json()).post as { id: number; position: number };
  };

  beforeAll(async () => {
    poster = await b.fresh();
    await apiLogin(poster.context, demo.fan2);
    const board = (await categories()).find((c) => c.slug === 'help')!;
    const created = await poster.context.request.post('/api/threads', {
      data: { categoryId: board.id, title: `Long thread ${Date.now().toString(36)}`, body: 'Post number one.', kind: 'discussion' },
      headers: { origin: baseURL() },
    });
    threadId = (await created.json()).thread.id as number;
    for (let n = 2; n <= 55; n++) await post(`Post number ${n}.`);
    path = `/t/${threadId}`;
  }, 120_000);

  it('replying from page 1 lands on page 2 at the new post', async () => {
    const { context, page } = await b.fresh();
    await apiLogin(context, demo.fan3); // no language of its own: the page is in English
    await open(page, path);
    expect(await page.locator('main article').count()).toBe(50);
    expect(await currentPage(page)).toBe('1');
    // Pagers at the top and the bottom; the next page is linked as such.
    expect(await page.getByRole('navigation', { name: msg('pager_thread_bottom') }).count()).toBe(1);
    expect(await topPager(page).locator('a[rel="next"]').getAttribute('href')).toMatch(/[?&]page=2$/);
    expect(await page.locator('head link[rel="next"]').getAttribute('href')).toMatch(/[?&]page=2$/);
    // Each post shows its number, linking to its lasting address.
    const first = (await apiGet<ThreadDetail>(`/api/threads/${threadId}`)).posts[0]!;
    const number = page.locator(`#post-${first.id}`).getByRole('link', { name: /#1\b/ });
    expect((await number.textContent())?.trim()).toBe('#1');
    expect(await number.getAttribute('href')).toMatch(new RegExp(`\\?post=${first.id}#post-${first.id}$`));

    const text = `My reply from the first page ${Date.now().toString(36)}`;
    await page.getByLabel(msg('reply_label')).fill(text);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('page') === '2', { timeout: 30_000 }),
      page.getByRole('button', { name: msg('reply_submit') }).click(),
    ]);
    const mine = page.locator('article', { hasText: text });
    await mine.waitFor({ state: 'visible' });
    expect(await mine.isVisible()).toBe(true);
    expect(await mine.getByRole('link', { name: /#56\b/ }).count()).toBe(1);
    const detail = await apiGet<ThreadDetail>(`/api/threads/${threadId}?page=2`);
    expect(detail.posts.at(-1)!.position).toBe(56);
    expect(new URL(page.url()).hash).toBe(`#post-${detail.posts.at(-1)!.id}`);
    expect(await currentPage(page)).toBe('2');
    expect(await page.locator('main article').count()).toBe(6);
    expect(await page.getByLabel(msg('reply_label')).inputValue()).toBe('');
    expect(errorsOf(page)).toEqual([]);
  });

  it('the pager links go to their pages', async () => {
    const { page } = await b.fresh();
    await open(page, `${path}?page=2`);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('page') === null),
      topPager(page)
        .getByRole('link', { name: pageLink(1), exact: true })
        .click(),
    ]);
    await page.locator('main article', { hasText: 'Post number one.' }).waitFor();
    expect(await currentPage(page)).toBe('1');
    expect(await topPager(page).locator('a[rel="prev"]').count()).toBe(0);

    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('page') === '2'),
      page
        .getByRole('navigation', { name: msg('pager_thread_bottom') })
        .getByRole('link', { name: msg('pager_next_page') })
        .click(),
    ]);
    await page.locator('main article', { hasText: 'Post number 51.' }).waitFor();
    expect(await currentPage(page)).toBe('2');
    expect(await topPager(page).locator('a[rel="next"]').count()).toBe(0);

    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('page') === null),
      topPager(page)
        .getByRole('link', { name: msg('pager_previous_page') })
        .click(),
    ]);
    expect(await currentPage(page)).toBe('1');
    expect(errorsOf(page)).toEqual([]);
  });

  it('a link to a post opens the page that holds it; a page past the end opens the last', async () => {
    const { page } = await b.fresh();
    const second = await apiGet<ThreadDetail>(`/api/threads/${threadId}?page=2`);
    const target = second.posts.find((p) => p.position === 53)!;
    await open(page, `${path}?post=${target.id}#post-${target.id}`);
    expect(await currentPage(page)).toBe('2');
    expect(await page.locator(`#post-${target.id}`).isVisible()).toBe(true);

    await open(page, `${path}?page=9`);
    expect(pageParam(page)).toBe('2');
    expect(await currentPage(page)).toBe('2');
  });

  it('a reply on a later page shows up as a notice with a link there; on the last page it is appended', async () => {
    const { context, page } = await b.fresh();
    await apiLogin(context, demo.fan3);
    await open(page, path);
    const before = await page.locator('main article').count();
    const later = await post(`Posted while you read page 1 ${Date.now().toString(36)}`);
    const notice = page.getByText(msg('thread_newer_replies'));
    await notice.waitFor({ timeout: 15_000 });
    expect(await page.locator('main article').count()).toBe(before);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('page') === '2'),
      page.getByRole('link', { name: msg('thread_newer_replies_link') }).click(),
    ]);
    await page.locator(`#post-${later.id}`).waitFor();

    // On the last page, the next reply simply appears.
    const last = await post(`Posted while you read the last page ${Date.now().toString(36)}`);
    await page.locator(`#post-${last.id}`).waitFor({ timeout: 15_000 });
    expect(await page.getByText(msg('thread_newer_replies')).count()).toBe(0);
    expect(errorsOf(page)).toEqual([]);
  });

  it('works without JavaScript: the reply form and the pager are plain HTML', async () => {
    const { context, page } = await b.fresh({ javaScriptEnabled: false });
    await apiLogin(context, demo.fan3); // no language of its own: the page is in English
    await page.goto(path);
    const text = `A reply without JavaScript ${Date.now().toString(36)}`;
    await page.getByLabel(msg('reply_label')).fill(text);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('page') === '2'),
      page.getByRole('button', { name: msg('reply_submit') }).click(),
    ]);
    expect(await page.locator('article', { hasText: text }).isVisible()).toBe(true);
    expect(new URL(page.url()).hash).toMatch(/^#post-\d+$/);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('page') === null),
      topPager(page)
        .getByRole('link', { name: pageLink(1), exact: true })
        .click(),
    ]);
    expect(await currentPage(page)).toBe('1');
  });

  it('fits a 390px phone: no overflow, pager targets of at least 24px, no serious axe violation', async () => {
    const { page } = await b.fresh({ viewport: PHONE });
    for (const url of [path, `${path}?page=2`]) {
      await open(page, url);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      for (const link of await topPager(page).getByRole('link').all()) {
        const box = (await link.boundingBox())!;
        expect(box.width).toBeGreaterThanOrEqual(24);
        expect(box.height).toBeGreaterThanOrEqual(24);
        expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      }
      expect(await seriousViolations(page)).toEqual([]);
    }
  });
});
