// The JavaScript a page loads, as Chromium really loads it: every script
// response until the network is idle and a second after (hydration, then what
// a reader's first moments fetch), each gzipped at level 9. `npm run bench`
// (bench/run.ts, row page-js) uses `pageJavaScript` from here, so the bench and
// this script count the same thing.
//
//   BASE=http://localhost:3000 node scripts/measure-page-js.mjs [threadId] [locale]
//   LOGIN=mei@kakera.test BASE=… node scripts/measure-page-js.mjs   # as a signed-in user
//
// Without a thread id it takes the thread with the most replies among the
// first page of each board. LOGIN signs in with the demo password (or
// PASSWORD); COOKIE passes a session cookie as is.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * @param {string} pageUrl
 * @param {{ cookie?: string; locale?: string }} [options]
 * @returns {Promise<{ bytes: number; files: number; scripts: { url: string; raw: number; gzip: number }[] } | null>}
 *   null when there is no Chromium at /usr/bin/chromium
 */
export async function pageJavaScript(pageUrl, options = {}) {
  if (!existsSync('/usr/bin/chromium')) return null;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-sync',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const context = await browser.newContext({ ...(options.locale && { locale: options.locale }) });
    if (options.cookie) {
      const origin = new URL(pageUrl).origin;
      await context.addCookies(
        options.cookie.split(/;\s*/).flatMap((pair) => {
          const eq = pair.indexOf('=');
          return eq > 0 ? [{ name: pair.slice(0, eq), value: pair.slice(eq + 1), url: origin }] : [];
        }),
      );
    }
    const page = await context.newPage();
    /** @type {Promise<{ url: string; raw: number; gzip: number }>[]} */
    const scripts = [];
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script')
        scripts.push(
          res.body().then(
            (b) => ({ url: res.url(), raw: b.length, gzip: gzipSync(b, { level: 9 }).length }),
            () => ({ url: res.url(), raw: 0, gzip: 0 }),
          ),
        );
    });
    await page.goto(pageUrl, { waitUntil: 'networkidle' });
    await page.waitForTimeout(1000);
    const all = await Promise.all(scripts);
    return { bytes: all.reduce((a, s) => a + s.gzip, 0), files: all.length, scripts: all };
  } finally {
    await browser.close();
  }
}

async function main() {
  const base = process.env.BASE ?? 'http://localhost:3000';
  const locale = process.argv[3] ?? 'en';
  let cookie = process.env.COOKIE;
  if (process.env.LOGIN) {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email: process.env.LOGIN, password: process.env.PASSWORD ?? 'kakera-demo' }),
    });
    if (!res.ok) throw new Error(`login as ${process.env.LOGIN}: ${res.status} ${await res.text()}`);
    cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }
  let id = process.argv[2];
  if (!id) {
    const { categories } = await (await fetch(`${base}/api/categories`)).json();
    let best = { id: '', replies: -1 };
    for (const c of categories) {
      const { threads } = await (await fetch(`${base}/api/categories/${c.slug}/threads?limit=50`)).json();
      for (const t of threads) if (t.replyCount > best.replies) best = { id: t.id, replies: t.replyCount };
    }
    id = best.id;
    console.log(`thread ${id}: ${best.replies} replies`);
  }
  const result = await pageJavaScript(`${base}/t/${id}`, { locale, ...(cookie && { cookie }) });
  if (!result) throw new Error('no Chromium at /usr/bin/chromium');
  const rows = [...result.scripts].sort((a, b) => b.gzip - a.gzip);
  for (const r of rows) console.log(String(r.gzip).padStart(7), String(r.raw).padStart(8), new URL(r.url).pathname);
  console.log(
    `${cookie ? 'signed in' : 'guest'}, ${locale}: ${result.files} scripts, gzip -9 ${result.bytes} bytes = ${(result.bytes / 1024).toFixed(1)} KiB (${(result.bytes / 1000).toFixed(1)} kB)`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
