// Sums the gzip sizes of the JavaScript a thread page loads for a guest.
// BASE=http://localhost:3000 node scripts/measure-page-js.mjs [threadId] [locale]
import { gzipSync } from 'node:zlib';
const base = process.env.BASE ?? 'http://localhost:3200';
const cats = await (await fetch(base + '/api/categories')).json();
const slug = cats.categories[0].slug;
const list = await (await fetch(`${base}/api/categories/${slug}/threads?limit=1`)).json();
const id = process.argv[2] ?? list.threads[0].id;
const locale = process.argv[3] ?? 'en';
const res = await fetch(`${base}/t/${id}`, {
  headers: { 'accept-language': locale, ...(process.env.COOKIE ? { cookie: process.env.COOKIE } : {}) },
});
const html = await res.text();
const link = res.headers.get('link') ?? '';
const files = new Set();
for (const mm of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) files.add(mm[1]);
for (const mm of html.matchAll(/import\("([^"]+\.js)"\)/g)) files.add(mm[1]);
for (const mm of link.matchAll(/<([^>]+\.js)>; rel="modulepreload"/g)) files.add(mm[1]);
let total = 0,
  total6 = 0,
  totalPre = 0;
const { existsSync, statSync } = await import('node:fs');
const rows = [];
for (const f of files) {
  const url = new URL(f, `${base}/t/${id}`);
  const buf = Buffer.from(await (await fetch(url)).arrayBuffer());
  const gz = gzipSync(buf, { level: 9 }).length;
  total += gz;
  total6 += gzipSync(buf).length;
  const pre = new URL(`../apps/web/build/client${url.pathname}.gz`, import.meta.url).pathname;
  totalPre += existsSync(pre) ? statSync(pre).size : NaN;
  rows.push([gz, buf.length, url.pathname]);
}
rows.sort((a, b) => b[0] - a[0]);
for (const r of rows) console.log(String(r[0]).padStart(7), String(r[1]).padStart(8), r[2]);
console.log('gzip -6:', total6, 'precompressed .gz:', totalPre);
console.log(
  'thread',
  id,
  'files',
  files.size,
  'gzip total',
  total,
  'bytes =',
  (total / 1024).toFixed(2),
  'KiB',
  (total / 1000).toFixed(2),
  'kB',
);
