import { describe, expect, it } from 'vitest';
import { apiGet, baseURL, categories, open, uniqueEmail, useBrowser } from './browser.ts';

// A corpus of XSS payloads in a thread's title, body, a reply and a user's
// name stays inert in a real browser: no dialog, no script effect, and the
// text shows as text.

const PAYLOADS = [
  '<script>alert("xss-script")</script>',
  '<img src=x onerror="alert(\'xss-img\');window.__xss=1">',
  '<svg onload="alert(\'xss-svg\')"></svg>',
  '"><script>window.__xss=1</script>',
  "[click me](javascript:alert('xss-link'))",
  '<a href="javascript:alert(1)">link</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '{{constructor.constructor("alert(1)")()}}',
  '<details open ontoggle="alert(\'xss-toggle\')">',
];

describe('a script in a thread', () => {
  const b = useBrowser();

  it('stays inert and shows as text', async () => {
    const { context, page } = await b.fresh();
    const origin = baseURL();
    const name = `<img src=x onerror=alert(1)>`;
    const reg = await context.request.post('/api/auth/register', {
      data: { email: uniqueEmail('xss'), password: 'xss password!', name },
      headers: { origin },
    });
    expect(reg.status()).toBe(201);
    const categoryId = (await categories()).find((c) => c.slug === 'help')!.id;
    const title = `<script>alert("title")</script> XSS ${Date.now().toString(36)}`;
    const body = ['Hello', ...PAYLOADS].join('\n\n');
    const created = await context.request.post('/api/threads', {
      data: { categoryId, title, body, kind: 'question' },
      headers: { origin },
    });
    expect(created.status()).toBe(201);
    const threadId = (await created.json()).thread.id as number;
    const replied = await context.request.post(`/api/threads/${threadId}/posts`, {
      data: { body: PAYLOADS.join('\n\n') },
      headers: { origin },
    });
    expect(replied.status()).toBe(201);
    const userId = (await reg.json()).user.id as number;

    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    for (const url of [`/t/${threadId}`, '/c/help', `/u/${userId}`, '/']) {
      const res = await open(page, url);
      expect(res?.status(), url).toBe(200);
      await page.waitForTimeout(300); // let any onerror/onload fire
      expect(await page.evaluate('window.__xss'), url).toBeUndefined();
      // No injected elements made it into the page.
      expect(await page.locator('main script, main iframe, main svg[onload], main img[onerror], main [ontoggle]').count(), url).toBe(0);
      expect(await page.locator('main a[href^="javascript:"]').count(), url).toBe(0);
    }
    expect(dialogs).toEqual([]);

    // The words show as text on the thread page.
    await open(page, `/t/${threadId}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('<script>alert("title")</script>');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('<script>alert("xss-script")</script>');
    expect(main).toContain(name);
    // And the API agrees: escaped in `html`.
    const detail = await apiGet<{ posts: { html: string }[] }>(`/api/threads/${threadId}`);
    expect(detail.posts[0]!.html).toContain('&lt;script&gt;');
  });
});
