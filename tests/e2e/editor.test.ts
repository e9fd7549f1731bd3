import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  baseURL,
  categories,
  horizontalOverflow,
  open,
  PHONE,
  seriousViolations,
  uniqueEmail,
  useBrowser,
  waitForExpression,
} from './browser.ts';
import { msg } from './messages.ts';

// The editor that loses nothing (issue 19): a draft survives a refresh and
// goes once posted; the toolbar acts on the selection (and Undo takes it
// back); Preview shows the server's rendering; after posting, focus is on
// the new post. Drafts belong to one signed-in user.

async function register(context: BrowserContext, prefix: string): Promise<{ id: number; name: string; email: string }> {
  const name = `${prefix} ${Date.now().toString(36)}`;
  const email = uniqueEmail(prefix.toLowerCase());
  const res = await context.request.post('/api/auth/register', {
    data: { email, password: 'correct horse battery', name },
    headers: { origin: baseURL() },
  });
  if (!res.ok()) throw new Error(`register: ${res.status()} ${await res.text()}`);
  return { id: (await res.json()).user.id as number, name, email };
}

async function newThread(context: BrowserContext, title: string): Promise<number> {
  const board = (await categories()).find((c) => c.slug === 'help') ?? (await categories())[0]!;
  const res = await context.request.post('/api/threads', {
    data: { categoryId: board.id, title, body: 'Where the editor is tried out.', kind: 'discussion' },
    headers: { origin: baseURL() },
  });
  if (!res.ok()) throw new Error(`thread: ${res.status()} ${await res.text()}`);
  return (await res.json()).thread.id as number;
}

const stored = (page: Page, key: string) => page.evaluate(`localStorage.getItem(${JSON.stringify(key)})`) as Promise<string | null>;

/** Selects `text` inside the textarea, as a person dragging over it would. */
async function selectText(page: Page, selector: string, text: string) {
  await page.evaluate(`(() => {
    const f = document.querySelector(${JSON.stringify(selector)});
    const at = f.value.indexOf(${JSON.stringify(text)});
    f.focus();
    f.setSelectionRange(at, at + ${text.length});
  })()`);
}

describe('the Markdown editor', () => {
  const b = useBrowser();

  it('keeps a reply as a draft, formats, previews, posts and puts focus on the new post', async () => {
    const { context, page } = await b.fresh();
    const fan = await register(context, 'Drafter');
    const threadId = await newThread(context, `Editor thread ${Date.now().toString(36)}`);
    const key = `kakera:draft:${fan.id}:reply:${threadId}`;
    const body = page.locator('#reply-body');

    // Typed, then the page is refreshed at once: the draft is back, and says so.
    await open(page, `/t/${threadId}`);
    const words = `Half a reply ${Date.now().toString(36)}: make this bold`;
    await body.fill(words);
    await page.reload();
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    await page.getByText(msg('draft_restored')).waitFor();
    expect(await body.inputValue()).toBe(words);
    expect(await page.getByRole('button', { name: msg('draft_discard') }).isVisible()).toBe(true);

    // The toolbar bolds the selection; Undo takes it back; Ctrl+I italicises.
    await selectText(page, '#reply-body', 'bold');
    await page
      .getByRole('toolbar', { name: msg('editor_toolbar_label') })
      .getByRole('button', { name: msg('editor_bold') })
      .click();
    expect(await body.inputValue()).toBe(words.replace('bold', '**bold**'));
    await page.keyboard.press('Control+z');
    expect(await body.inputValue()).toBe(words);
    await selectText(page, '#reply-body', 'bold');
    await page.getByRole('button', { name: msg('editor_bold') }).click();
    await selectText(page, '#reply-body', 'Half');
    await page.keyboard.press('Control+i');
    const formatted = words.replace('bold', '**bold**').replace('Half', '_Half_');
    expect(await body.inputValue()).toBe(formatted);
    await waitForExpression(page, `(localStorage.getItem(${JSON.stringify(key)}) || '').includes('**bold**')`);

    // Preview: the server's rendering, in a tab panel that passes axe.
    const previewTab = page.getByRole('tab', { name: msg('editor_preview') });
    await previewTab.click();
    expect(await previewTab.getAttribute('aria-selected')).toBe('true');
    const panel = page.getByRole('tabpanel', { name: msg('editor_preview') });
    await panel.locator('strong', { hasText: 'bold' }).waitFor();
    expect(await panel.locator('em', { hasText: 'Half' }).count()).toBe(1);
    expect(await body.isVisible()).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    // The arrow keys move between the tabs.
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByRole('tab', { name: msg('editor_write') }).getAttribute('aria-selected')).toBe('true');
    expect(await body.isVisible()).toBe(true);

    // Posted: the draft is gone, focus is on the new post and the posting is announced.
    await page.getByRole('button', { name: msg('reply_submit') }).click();
    await page.locator('article', { hasText: 'make this' }).waitFor();
    await waitForExpression(page, `document.activeElement && /^post-\\d+$/.test(document.activeElement.id)`);
    const focused = (await page.evaluate('document.activeElement.textContent')) as string;
    expect(focused).toContain('make this');
    expect(focused).toContain(fan.name);
    await waitForExpression(
      page,
      `document.querySelector('[role=status][aria-live]')?.textContent.includes(${JSON.stringify(msg('reply_posted'))})`,
    );
    expect(await stored(page, key)).toBeNull();
    expect(await body.inputValue()).toBe('');
    await page.reload();
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    expect(await body.inputValue()).toBe('');
    expect(await page.getByText(msg('draft_restored')).count()).toBe(0);
  });

  it('keeps the whole new-thread form, for its own user only, until discarded', async () => {
    const { context, page } = await b.fresh();
    const fan = await register(context, 'Reporter');
    await open(page, '/new');
    await page.locator('input[name=kind][value=bug]').check();
    const title = `Draft bug ${Date.now().toString(36)}`;
    await page.locator('#title').fill(title);
    await page.locator('#body').fill('The battery drains overnight.');
    await page.locator('[name="report.device"]').fill('Pixel 8');
    await page.reload();
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    await page.getByText(msg('draft_restored')).waitFor();
    expect(await page.locator('#title').inputValue()).toBe(title);
    expect(await page.locator('#body').inputValue()).toBe('The battery drains overnight.');
    expect(await page.locator('input[name=kind][value=bug]').isChecked()).toBe(true);
    expect(await page.locator('[name="report.device"]').inputValue()).toBe('Pixel 8');

    // Someone else signs in on this computer: they do not get this draft.
    await register(context, 'Other');
    await open(page, '/new');
    expect(await page.locator('#title').inputValue()).toBe('');
    expect(await page.getByText(msg('draft_restored')).count()).toBe(0);
    expect(await stored(page, `kakera:draft:${fan.id}:new-thread`)).toContain(title);

    // Back as the reporter (a new session): the draft; Discard empties the form and forgets it.
    const login = await context.request.post('/api/auth/login', {
      data: { email: fan.email, password: 'correct horse battery' },
      headers: { origin: baseURL() },
    });
    expect(login.ok()).toBe(true);
    await open(page, '/new');
    await page.getByText(msg('draft_restored')).waitFor();
    await page.getByRole('button', { name: msg('draft_discard') }).click();
    expect(await page.locator('#title').inputValue()).toBe('');
    expect(await page.locator('#body').inputValue()).toBe('');
    expect(await stored(page, `kakera:draft:${fan.id}:new-thread`)).toBeNull();
    expect(await page.evaluate('document.activeElement.id')).toBe('body');
  });

  it('never puts an older draft over the text the server put back after a failed submit', async () => {
    const { context, page } = await b.fresh();
    const fan = await register(context, 'Refused');
    const threadId = await newThread(context, `Refused thread ${Date.now().toString(36)}`);
    const key = `kakera:draft:${fan.id}:reply:${threadId}`;
    await open(page, `/t/${threadId}`);
    await page.locator('#reply-body').fill('An older draft');
    await waitForExpression(page, `localStorage.getItem(${JSON.stringify(key)})?.includes('An older draft')`);
    // Sent as a plain form post (as without JavaScript) with a body the API refuses (too long): the page comes back with it.
    const refused = `Newer words ${'x'.repeat(50_001)}`;
    await Promise.all([
      page.waitForURL(/\?\/reply/),
      page.evaluate(`(() => {
        const f = document.querySelector('#reply-body');
        f.value = ${JSON.stringify(refused)};
        HTMLFormElement.prototype.submit.call(f.form);
      })()`),
    ]);
    await page.waitForSelector('html[data-hydrated]', { state: 'attached' });
    await page.locator('#reply-body-error').filter({ hasText: /\S/ }).waitFor();
    expect(await page.locator('#reply-body').inputValue()).toBe(refused);
    expect(await page.getByText(msg('draft_restored')).count()).toBe(0);
    // The server's words are the draft now.
    expect(await stored(page, key)).toContain('Newer words');
  });

  it('is a plain text box before JavaScript, and posts', async () => {
    const { context, page } = await b.fresh({ javaScriptEnabled: false });
    await register(context, 'NoScript');
    const threadId = await newThread(context, `No-script thread ${Date.now().toString(36)}`);
    await page.goto(`/t/${threadId}`);
    expect(await page.getByRole('tab').count()).toBe(0);
    expect(await page.getByRole('toolbar').count()).toBe(0);
    await page.getByLabel(msg('reply_label')).fill('Posted **without** scripts');
    await Promise.all([page.waitForURL(/#post-\d+$/), page.getByRole('button', { name: msg('reply_submit') }).click()]);
    expect(await page.locator('article strong', { hasText: 'without' }).count()).toBe(1);
  });

  it('fits a 390 px phone: 44 px buttons, no sideways scrolling', async () => {
    const { context, page } = await b.fresh({ viewport: PHONE });
    await register(context, 'Phone');
    const threadId = await newThread(context, `Phone thread ${Date.now().toString(36)}`);
    for (const url of [`/t/${threadId}`, '/new']) {
      await open(page, url);
      const sizes = (await page.evaluate(
        `[...document.querySelectorAll('[role=toolbar] button, [role=tab]')].map((b) => { const r = b.getBoundingClientRect(); return [r.width, r.height]; })`,
      )) as [number, number][];
      expect(sizes.length).toBe(9);
      for (const [w, h] of sizes) {
        expect(w).toBeGreaterThanOrEqual(44);
        expect(h).toBeGreaterThanOrEqual(44);
      }
      expect(await horizontalOverflow(page)).toBe(0);
    }
  });
});
