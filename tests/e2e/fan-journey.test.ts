import { describe, expect, it } from 'vitest';
import { allThreads, apiGet, errorsOf, open, uniqueEmail, useBrowser, waitForExpression } from './browser.ts';
import { msg } from './messages.ts';

// A fan registers, starts a bug thread with device and version, replies in
// it, and likes someone else's post. All through the pages, as a person would.

interface ThreadDetail {
  thread: { id: number; title: string; kind: string; report: Record<string, string> | null };
  posts: { id: number; body: string; likeCount: number; author: { name: string } }[];
}

describe('a fan', () => {
  const b = useBrowser();

  it('registers, starts a bug thread with device and version, replies, and likes a post', async () => {
    const { page } = await b.fresh();
    const name = `Fan ${Date.now().toString(36)}`;

    // Register.
    await open(page, '/register');
    await page.getByLabel(msg('field_display_name')).fill(name);
    await page.getByLabel(msg('field_email')).fill(uniqueEmail());
    await page.getByLabel(msg('field_password')).fill('a strong password');
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/register'), { timeout: 30_000 }),
      page
        .locator('main')
        .getByRole('button', { name: msg('register_submit') })
        .click(),
    ]);
    // Signed in: the header shows the account menu with the name.
    expect(await page.locator('header').textContent()).toContain(name);

    // Start a bug thread.
    await open(page, '/new?c=bugs');
    // Opened from the Bug reports board: a bug report, its fields showing, without choosing anything.
    expect(await page.getByLabel(msg('field_category')).inputValue()).not.toBe('');
    expect(await page.getByRole('radio', { name: new RegExp(msg('kind_bug')) }).isChecked()).toBe(true);
    await page.getByLabel(msg('report_device')).waitFor();
    const title = `Camera freezes when switching lenses ${Date.now().toString(36)}`;
    await page.getByLabel(msg('field_title')).fill(title);
    await page.getByLabel(msg('field_body')).fill('The preview **freezes** for two seconds every time I switch to the telephoto lens.');
    await page.getByLabel(msg('report_device')).fill('Kakera Phone 14 Pro');
    await page.getByLabel(msg('report_software_version')).fill('3.2.1 (build 1201)');
    await page.getByLabel(msg('report_steps')).fill('1. Open the camera\n2. Tap 3x');
    await Promise.all([
      page.waitForURL(/\/t\/\d+/, { timeout: 30_000 }),
      page.getByRole('button', { name: msg('new_thread_submit') }).click(),
    ]);

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(title);
    const main = page.locator('main');
    expect(await main.textContent()).toContain('Kakera Phone 14 Pro');
    expect(await main.textContent()).toContain('3.2.1 (build 1201)');
    expect(await main.locator('strong', { hasText: 'freezes' }).count()).toBe(1); // Markdown rendered
    const threadId = Number(/\/t\/(\d+)/.exec(page.url())![1]);
    const created = await apiGet<ThreadDetail>(`/api/threads/${threadId}`);
    expect(created.thread).toMatchObject({ title, kind: 'bug' });
    expect(created.thread.report).toMatchObject({ device: 'Kakera Phone 14 Pro', softwareVersion: '3.2.1 (build 1201)' });

    // Reply in it.
    const replyText = `Also happens with the wide lens ${Date.now().toString(36)}`;
    await page.getByLabel(msg('reply_label')).fill(replyText);
    await page.getByRole('button', { name: msg('reply_submit') }).click();
    await page.locator('article', { hasText: replyText }).waitFor({ timeout: 15_000 });
    // The post may arrive over the socket before the form's answer resets the box: wait for that.
    await expect.poll(() => page.getByLabel(msg('reply_label')).inputValue()).toBe('');
    const after = await apiGet<ThreadDetail>(`/api/threads/${threadId}`);
    expect(after.posts.map((p) => p.body)).toContain(replyText);

    // Like someone else's post in a demo thread.
    const demo = (await allThreads()).find((t) => t.title.startsWith('Dark mode schedule'))!;
    await open(page, `/t/${demo.id}`);
    const before = await apiGet<ThreadDetail>(`/api/threads/${demo.id}`);
    const target = before.posts[0]!;
    const likeButton = page.locator(`#post-${target.id}`).getByRole('button', { name: new RegExp(msg('post_like')) });
    expect(await likeButton.getAttribute('aria-pressed')).toBe('false');
    await likeButton.click();
    await waitForExpression(
      page,
      `document.querySelector('#post-${target.id} button[aria-pressed]')?.getAttribute('aria-pressed') === 'true'`,
    );
    const liked = await apiGet<ThreadDetail>(`/api/threads/${demo.id}`);
    expect(liked.posts[0]!.likeCount).toBe(target.likeCount + 1);
    // Its own post offers no like button.
    await open(page, `/t/${threadId}`);
    expect(
      await page
        .locator(`#post-${created.posts[0]!.id}`)
        .getByRole('button', { name: new RegExp(msg('post_like')) })
        .count(),
    ).toBe(0);
    expect(errorsOf(page)).toEqual([]);
  });
});
