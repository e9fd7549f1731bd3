import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  apiLogin,
  baseURL,
  categories,
  demo,
  DESKTOP,
  errorsOf,
  horizontalOverflow,
  open,
  PHONE,
  seriousViolations,
  uniqueEmail,
  useBrowser,
} from './browser.ts';
import { msg } from './messages.ts';

// The bell and the notifications page: a fan hears of a staff answer live,
// reads it in the list and marks everything read; the list works before
// JavaScript; the page is in three languages and fits a desktop and a phone
// (its axe pass is a11y.test.ts's); and the editor's @mention autocomplete
// writes the mention.

const post = (context: BrowserContext, path: string, data: unknown) => context.request.post(path, { data, headers: { origin: baseURL() } });

/** A new fan with a thread of their own on the help board, everything read so far. */
async function fanWithThread(context: BrowserContext, title: string) {
  const name = `Bell${Date.now().toString(36).slice(-5)}`;
  const reg = await post(context, '/api/auth/register', { email: uniqueEmail('bell'), password: 'correct horse battery', name });
  expect(reg.status()).toBe(201);
  const help = (await categories()).find((c) => c.slug === 'help')!;
  const created = await post(context, '/api/threads', { categoryId: help.id, title, body: 'My sync never finishes.', kind: 'question' });
  expect(created.status()).toBe(201);
  // A first post earns a badge: read, so that the bell starts at nothing.
  await post(context, '/api/notifications/read', { all: true });
  return { name, threadId: (await created.json()).thread.id as number };
}

const bell = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Notifications/ });

describe('notifications', () => {
  const b = useBrowser();

  it('a staff answer lights the bell live; the list shows it; mark all read clears it', async () => {
    const fan = await b.fresh();
    const title = `Sync stuck ${Date.now().toString(36)}`;
    const { threadId } = await fanWithThread(fan.context, title);
    await open(fan.page, '/');
    await expect(bell(fan.page).getAttribute('href')).resolves.toBe('/notifications');
    expect(await bell(fan.page).textContent()).not.toMatch(/unread/);

    const staff = await b.fresh();
    await apiLogin(staff.context, demo.staff);
    expect((await post(staff.context, `/api/threads/${threadId}/posts`, { body: 'Pull down to refresh once.' })).status()).toBe(201);

    // No reload: the bell's name (what a screen reader says) and its badge count one.
    await fan.page.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor({ timeout: 15_000 });
    expect(await fan.page.locator('.bell-count').textContent()).toBe('1');

    await bell(fan.page).click();
    await fan.page.waitForURL('**/notifications');
    const item = fan.page.getByRole('main').getByRole('link', { name: `Staff answered “${title}”` });
    await item.waitFor();
    expect(await item.getAttribute('href')).toMatch(new RegExp(`^/t/${threadId}\\?post=\\d+#post-\\d+$`));
    await fan.page.getByText('1 unread', { exact: true }).waitFor();

    await fan.page.getByRole('button', { name: msg('notifications_mark_all_read') }).click();
    await fan.page.getByText(msg('notifications_none_unread'), { exact: true }).waitFor();
    await fan.page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    expect(await fan.page.locator('.bell-count').count()).toBe(0);
    expect(errorsOf(fan.page)).toEqual([]);
  });

  it('opening a notification marks it read; before JavaScript, its button does', async () => {
    const fan = await b.fresh();
    const title = `Opened ${Date.now().toString(36)}`;
    const { threadId } = await fanWithThread(fan.context, title);
    const staff = await b.fresh();
    await apiLogin(staff.context, demo.staff2);
    await post(staff.context, `/api/threads/${threadId}/posts`, { body: 'First answer.' });
    await post(staff.context, `/api/threads/${threadId}/posts`, { body: 'Second answer.' });

    await open(fan.page, '/notifications');
    await fan.page.getByRole('link', { name: 'Notifications, 2 unread' }).waitFor();
    await fan.page
      .getByRole('link', { name: `Staff answered “${title}”` })
      .first()
      .click();
    await fan.page.waitForURL(`**/t/${threadId}**`);
    await fan.page.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor();

    // The same list with JavaScript off: the form posts, the page comes back with one fewer.
    const noJs = await b.fresh({ javaScriptEnabled: false, storageState: await fan.context.storageState() });
    await noJs.page.goto('/notifications');
    await noJs.page.getByText('1 unread', { exact: true }).waitFor();
    await noJs.page.getByRole('button', { name: msg('notifications_mark_read'), exact: true }).click();
    await noJs.page.getByText(msg('notifications_none_unread'), { exact: true }).waitFor();
    expect(await noJs.page.getByRole('button', { name: msg('notifications_mark_read'), exact: true }).count()).toBe(0);
  });

  // axe on the notifications page with an unread staff answer is a11y.test.ts's ('notifications').
  for (const locale of ['en', 'ja', 'zh-CN'] as const) {
    it(`is in ${locale}, fits the phone and the desktop, and the bell is a 44 px target`, { timeout: 150_000 }, async () => {
      const fan = await b.fresh({ locale, extraHTTPHeaders: { 'Accept-Language': locale } });
      const { threadId } = await fanWithThread(fan.context, `Bell ${locale} ${Date.now().toString(36)}`);
      const staff = await b.fresh();
      await apiLogin(staff.context, demo.staff);
      await post(staff.context, `/api/threads/${threadId}/posts`, { body: 'An answer.' });
      await staff.context.close();
      for (const viewport of [PHONE, DESKTOP]) {
        await fan.page.setViewportSize(viewport);
        await open(fan.page, '/notifications');
        const at = `${locale} ${viewport.width}px`;
        expect(await fan.page.getAttribute('html', 'lang')).toBe(locale);
        await fan.page.getByRole('button', { name: msg('notifications_mark_read', locale), exact: true }).waitFor();
        expect(await horizontalOverflow(fan.page), at).toBe(0);
        const box = await fan.page
          .getByRole('banner')
          .getByRole('link', { name: msg('nav_notifications', locale) })
          .boundingBox();
        expect(box && box.width >= 44 && box.height >= 44, at).toBe(true);
      }
      await fan.context.close();
    });
  }

  it('the editor suggests people as @name is typed and inserts the mention', { timeout: 150_000 }, async () => {
    const fan = await b.fresh();
    const { threadId } = await fanWithThread(fan.context, `Mention ${Date.now().toString(36)}`);
    const staff = await apiLogin((await b.fresh()).context, demo.staff);
    await open(fan.page, `/t/${threadId}`);
    const box = fan.page.getByLabel(msg('reply_label'));
    await box.click();
    await box.pressSequentially(`Thanks @${staff.name.split(' ')[0]!.slice(0, 2)}`);
    const option = fan.page.getByRole('option', { name: new RegExp(staff.name) });
    await option.waitFor();
    expect(await box.getAttribute('aria-activedescendant')).toBe(await fan.page.getByRole('option').first().getAttribute('id'));
    expect(await fan.page.getByRole('listbox', { name: msg('mention_suggestions_label') }).count()).toBe(1);
    // Choose by keyboard: the first is active; Enter inserts it rather than sending the form.
    const options = await fan.page.getByRole('option').allTextContents();
    const index = options.findIndex((t) => t.includes(staff.name));
    for (let i = 0; i < index; i++) await box.press('ArrowDown');
    await box.press('Enter');
    expect(await box.inputValue()).toBe(`Thanks [@${staff.name}](/u/${staff.id}) `);
    expect(await fan.page.getByRole('listbox').count()).toBe(0);
    expect(await seriousViolations(fan.page)).toEqual([]);
    expect(errorsOf(fan.page)).toEqual([]);
  });
});
