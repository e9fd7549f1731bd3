import { describe, expect, it } from 'vitest';
import { apiGet, baseURL, categories, open, uniqueEmail, useBrowser } from './browser.ts';

// A corpus of XSS payloads (over 30) in thread titles, bodies, a reply, a
// bug report's fields, a user's name, search queries and the snippets
// search shows for them stays inert in a real browser: no dialog, no script
// effect, and the text shows as text.

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
  '<body onload=alert("xss-body")>',
  '<input autofocus onfocus=alert("xss-focus")>',
  '<video><source onerror="alert(\'xss-video\')"></video>',
  '<audio src=x onerror=alert("xss-audio")>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert("xss-mxss")></style></mglyph></table></mtext></math>',
  '<style>@import "javascript:alert(1)";</style>',
  '<object data="javascript:alert(\'xss-object\')"></object>',
  '<embed src="javascript:alert(\'xss-embed\')">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel=import href="data:text/html,<script>alert(1)</script>">',
  '<a href="  javascript:alert(\'xss-space\')">spaced</a>',
  '<a href="jav&#x09;ascript:alert(\'xss-tab\')">tabbed</a>',
  '[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![img](x" onerror="alert(\'xss-md-img\'))',
  '[vb](vbscript:msgbox(1))',
  '<scr<script>ipt>window.__xss=1</scr</script>ipt>',
  '`<script>window.__xss=1</script>`',
  '```html\n<script>window.__xss=1</script>\n```',
  '<div style="background:url(javascript:alert(1))">styled</div>',
  '<svg><animate onbegin=alert("xss-animate") attributeName=x dur=1s>',
  '<marquee onstart=alert("xss-marquee")>',
  '"-alert(1)-"',
  "';window.__xss=1;//",
  '</textarea><script>window.__xss=1</script>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
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
    // A bug report with a payload in every report field.
    const bugs = (await categories()).find((c) => c.slug === 'bugs')!.id;
    const bug = await context.request.post('/api/threads', {
      data: {
        categoryId: bugs,
        title: `<img src=x onerror=alert("bug-title")> XSS report ${Date.now().toString(36)}`,
        body: PAYLOADS.slice(9).join('\n\n'),
        kind: 'bug',
        report: {
          device: PAYLOADS[1],
          softwareVersion: PAYLOADS[3],
          stepsToReproduce: PAYLOADS.join('\n'),
          expected: PAYLOADS[10],
          actual: PAYLOADS[20],
        },
      },
      headers: { origin },
    });
    expect(bug.status(), await bug.text()).toBe(201);
    const bugId = (await bug.json()).thread.id as number;
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
    const searches = ['XSS', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)'].map(
      (q) => `/search?q=${encodeURIComponent(q)}`,
    );
    for (const url of [`/t/${threadId}`, `/t/${bugId}`, '/c/help', '/c/bugs', `/u/${userId}`, '/', ...searches]) {
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
