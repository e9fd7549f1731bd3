import { describe, expect, it } from 'vitest';
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
  useBrowser,
  waitForExpression,
} from './browser.ts';
import { msg } from './messages.ts';

// Attachments through the pages: a fan attaches a screenshot of the page (a
// real PNG) to a bug report with the file button; it is uploaded at once and
// shows on the thread as a thumbnail that opens the full image. Without
// JavaScript the same form sends its files along and the action uploads them:
// a log (under a hostile name, which stays text) and an image on a reply.

interface ThreadDetail {
  posts: { id: number; attachments: { id: number; name: string; isImage: boolean; url: string; thumbUrl: string | null }[] }[];
}

describe('attachments', () => {
  const b = useBrowser();

  it('a fan attaches a screenshot to a bug report; it shows as a thumbnail that opens full size', async () => {
    const { context, page } = await b.fresh();
    // An English-speaking fan (the demo's Mika reads Japanese).
    await apiLogin(context, demo.fan3);
    await open(page, '/new?c=bugs');
    const shot = await page.screenshot();

    const title = `Lens switch freezes the preview ${Date.now().toString(36)}`;
    await page.getByLabel(msg('field_title')).fill(title);
    await page.locator('#body').fill('The preview freezes: see the screenshot.');
    await page.getByLabel(msg('attach_label')).setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: shot });
    // Uploaded at once: the picker says so, and the form now carries its id, not the file.
    await page.getByText(msg('attach_ready'), { exact: true }).waitFor();
    expect(await page.locator('input[type=hidden][name=attachmentIds]').count()).toBe(1);
    expect(
      await page.getByLabel(msg('attach_label')).evaluate((el) => (el as unknown as { files: { length: number } | null }).files?.length),
    ).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await Promise.all([
      page.waitForURL(/\/t\/\d+/, { timeout: 30_000 }),
      page.getByRole('button', { name: msg('new_thread_submit') }).click(),
    ]);
    const threadId = Number(/\/t\/(\d+)/.exec(page.url())![1]);

    const thumb = page.locator('main article').first().getByRole('img', { name: 'screenshot.png' });
    await thumb.waitFor();
    await waitForExpression(
      page,
      `(() => { const i = document.querySelector('main article img[alt="screenshot.png"]'); return i && i.complete && i.naturalWidth > 0; })()`,
    );
    const natural = await thumb.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    expect(natural).toBe(320);

    const res = await context.request.get(`/api/threads/${threadId}`);
    const detail = (await res.json()) as ThreadDetail;
    const [file] = detail.posts[0]!.attachments;
    expect(file).toMatchObject({ name: 'screenshot.png', isImage: true });

    // The thumbnail links to the full image, which opens in a new tab as the PNG that was attached.
    const link = thumb.locator('xpath=..');
    expect(await link.getAttribute('href')).toBe(file!.url);
    const [popup] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await popup.waitForLoadState();
    expect(new URL(popup.url()).pathname).toBe(file!.url);
    const full = await context.request.get(file!.url);
    expect(full.headers()['content-type']).toBe('image/png');
    expect(Buffer.compare(await full.body(), shot)).toBe(0);
    const size = await popup.evaluate<number>("document.querySelector('img')?.naturalWidth ?? 0");
    expect(size).toBe(1280);

    // axe on a thread with an image: a11y.test.ts ('thread-files').
    await page.setViewportSize(PHONE);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(errorsOf(page)).toEqual([]);
  });

  it('without JavaScript the reply form sends its files and the action uploads them; a hostile file name stays text', async () => {
    const { context, page } = await b.fresh({ javaScriptEnabled: false });
    await apiLogin(context, 'jordan@kakera.test');
    const bugs = (await categories()).find((c) => c.slug === 'bugs')!;
    const thread = await context.request.post('/api/threads', {
      data: {
        categoryId: bugs.id,
        title: `Logs attached without JavaScript ${Date.now().toString(36)}`,
        body: 'Where the logs go.',
        kind: 'bug',
      },
      headers: { origin: baseURL() },
    });
    expect(thread.status(), await thread.text()).toBe(201);
    const threadId = ((await thread.json()) as { thread: { id: number } }).thread.id;
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });

    await open(page, `/t/${threadId}`);
    const hostile = '<img src=x onerror=alert(1)>.log';
    await page.locator('#reply-body').fill('Here is the log and a picture.');
    await page.getByLabel(msg('attach_label')).setInputFiles([
      { name: hostile, mimeType: 'text/plain', buffer: Buffer.from('12:00:01 ERROR camera pipeline stalled\n') },
      { name: 'pixel.png', mimeType: 'image/png', buffer: await page.screenshot() },
    ]);
    await Promise.all([page.waitForURL(/\/t\/\d+/), page.getByRole('button', { name: msg('reply_submit') }).click()]);
    await page.waitForLoadState('networkidle');

    const detail = (await (await context.request.get(`/api/threads/${threadId}`)).json()) as ThreadDetail;
    const files = detail.posts.at(-1)!.attachments;
    expect(files.map((f) => f.name)).toEqual([hostile, 'pixel.png']);
    const post = page.locator(`#post-${detail.posts.at(-1)!.id}`);
    const download = post.getByRole('link', { name: hostile, exact: true });
    expect(await download.getAttribute('href')).toBe(files[0]!.url);
    expect(await post.getByRole('img', { name: 'pixel.png' }).count()).toBe(1);
    // The name is text: no element was made of it and nothing ran.
    expect(await page.locator('main img[src="x"]').count()).toBe(0);
    expect(dialogs).toBe(0);

    // A file that is not an image or a log is refused beside the field, in words.
    await page.locator('#reply-body').fill('And this program.');
    await page.locator('#reply-body-files').setInputFiles({
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 1)]),
    });
    await page.getByRole('button', { name: msg('reply_submit') }).click();
    await page.waitForLoadState('networkidle');
    await page.getByText(msg('attach_field_type')).first().waitFor();
    expect(await page.locator('#reply-body').inputValue()).toBe('And this program.');
  });

  // axe on these two pages (a thread with an image and a log, the new-thread
  // form) is a11y.test.ts's: 'thread-files' and 'new-thread'.
  it.each(['en', 'ja', 'zh-CN'] as const)(
    'the new-thread form and a thread with files are in %s and fit the desktop and the phone',
    async (locale) => {
      const { context, page } = await b.fresh({ locale, extraHTTPHeaders: { 'Accept-Language': locale } });
      // Alex has no saved language, so the browser's decides.
      await apiLogin(context, demo.fan3);
      const ids: number[] = [];
      for (const file of [
        { name: `画面 ${locale}.png`, mimeType: 'image/png', buffer: await page.screenshot() },
        { name: 'camera.log', mimeType: 'text/plain', buffer: Buffer.from('12:00:01 ERROR 電池 低下\n') },
      ]) {
        const res = await context.request.post('/api/attachments', { multipart: { files: file }, headers: { origin: baseURL() } });
        expect(res.status(), await res.text()).toBe(201);
        ids.push(((await res.json()) as { attachments: { id: number }[] }).attachments[0]!.id);
      }
      const bugs = (await categories()).find((c) => c.slug === 'bugs')!;
      const created = await context.request.post('/api/threads', {
        data: {
          categoryId: bugs.id,
          kind: 'bug',
          title: `Files in ${locale} ${Date.now().toString(36)}`,
          body: 'Two files.',
          attachmentIds: ids,
        },
        headers: { origin: baseURL() },
      });
      expect(created.status(), await created.text()).toBe(201);
      const threadId = ((await created.json()) as { thread: { id: number } }).thread.id;

      for (const viewport of [DESKTOP, PHONE]) {
        await page.setViewportSize(viewport);
        for (const url of ['/new?c=bugs', `/t/${threadId}`]) {
          await open(page, url);
          expect(await page.locator('html').getAttribute('lang'), url).toBe(locale);
          expect(await horizontalOverflow(page), `${url} ${viewport.width}px`).toBeLessThanOrEqual(0);
        }
      }
      expect(await page.getByRole('link', { name: 'camera.log' }).count()).toBe(1);
      expect(errorsOf(page)).toEqual([]);
    },
  );
});
