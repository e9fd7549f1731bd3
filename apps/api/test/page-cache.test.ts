import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '@kakera/core';
import type { WebHandler } from '../src/web/mount-web.ts';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp, type TestUser } from './helpers.ts';

// Guests' pages kept as sent (apps/api/src/web/page-cache.ts), through the
// real web app as `npm start` mounts it (apps/web/build: `npm run build`;
// without a build there is nothing to render, and this file is skipped).
// A page from memory says so: `X-Kakera-Cache: hit`.

const BUILD = fileURLToPath(new URL('../../web/build/handler.js', import.meta.url));
const built = existsSync(BUILD);

let webHandler: WebHandler;

/** Renders per URL. */
const renders = new Map<string, number>();
/** The next render of a URL finishes only when its hold is released (and may set a cookie). */
const holds = new Map<string, { reached: () => void; released: Promise<void>; cookie?: boolean }>();

/** Holds the next render of `url` just before it finishes: resolves when it got there, with what lets it go. */
function hold(url: string, opts: { cookie?: boolean } = {}) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  return new Promise<() => void>((reached) => holds.set(url, { reached: () => reached(release), released, ...opts }));
}

/**
 * The built app, and one way to make it answer with a cookie: `?cookie=1`
 * sets one before SvelteKit answers (as a page that signs someone in would).
 */
const web: WebHandler = (req: IncomingMessage, res: ServerResponse, next) => {
  const url = req.url ?? '';
  renders.set(url, (renders.get(url) ?? 0) + 1);
  if (url.includes('cookie=1')) res.setHeader('set-cookie', 'flash=hello; Path=/');
  const held = holds.get(url);
  if (held) {
    holds.delete(url);
    if (held.cookie) res.setHeader('set-cookie', 'flash=leader; Path=/');
    const end = res.end;
    res.end = function (this: ServerResponse, ...args: unknown[]) {
      held.reached();
      void held.released.then(() => (end as (...a: unknown[]) => ServerResponse).apply(this, args));
      return this;
    } as ServerResponse['end'];
  }
  webHandler(req, res, next);
};

/** The API with the built web app mounted through `web`, on a fresh database. */
const start = (env: Record<string, string> = {}): Promise<TestApp> =>
  buildTestApp(env, new ManualClock(), { web, sweeper: { timer: false } });

const hit = (res: { headers: Record<string, unknown> }) => res.headers['x-kakera-cache'] === 'hit';
const langOf = (html: string) => /<html lang="([^"]*)"/.exec(html)?.[1];

describe.skipIf(!built)('guests’ pages from memory', () => {
  let t: TestApp;
  let admin: TestUser;
  let fan: TestUser;
  let staff: TestUser;
  let board: { id: number; slug: string };
  let threadId: number;

  beforeAll(async () => {
    webHandler = ((await import(BUILD)) as { handler: WebHandler }).handler;
    t = await start();
    admin = await createUser(t, { role: 'admin' });
    fan = await createUser(t);
    staff = await createUser(t, { role: 'staff' });
    board = await createCategory(t, admin, { name: 'Cameras' });
    threadId = (await createThread(t, fan, board.id, { title: 'Night mode is blurry', body: 'Every photo after dusk' })).id;
  });
  afterAll(() => t?.close());

  const view = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  it('sends a guest’s second view of a thread, a board and the home page from memory, as it was sent', async () => {
    for (const url of [`/t/${threadId}`, `/c/${board.slug}`, '/']) {
      const first = await view(url);
      expect(first.statusCode, url).toBe(200);
      expect(hit(first), url).toBe(false);
      const again = await view(url);
      expect(hit(again), url).toBe(true);
      expect(again.statusCode).toBe(200);
      expect(again.body).toBe(first.body);
      expect(again.headers['content-type']).toBe(first.headers['content-type']);
      expect(again.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
      expect(again.headers['x-frame-options']).toBe('DENY');
      // A tag to ask again with: 304, no body.
      expect(again.headers.etag).toMatch(/^W\/"/);
      const unchanged = await view(url, { 'if-none-match': String(again.headers.etag) });
      expect(unchanged.statusCode).toBe(304);
      expect(unchanged.body).toBe('');
    }
    expect((await view(`/t/${threadId}`)).body).toContain('Every photo after dusk');
  });

  it('keeps each encoding as it was sent', async () => {
    const url = `/t/${threadId}?encoding`;
    const gzip = { 'accept-encoding': 'gzip' };
    const br = { 'accept-encoding': 'gzip, deflate, br' };
    const plain = (await view(url)).body;
    await view(url, gzip);
    const gz = await view(url, gzip);
    expect(hit(gz)).toBe(true);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain);
    const brFirst = await view(url, br);
    expect(hit(brFirst)).toBe(false);
    const brAgain = await view(url, br);
    expect(hit(brAgain)).toBe(true);
    expect(brAgain.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brAgain.rawPayload).toString()).toBe(plain);
  });

  it('carries no nonce: the policy lists the hash of every inline script of the page', async () => {
    await view(`/t/${threadId}`);
    const page = await view(`/t/${threadId}`);
    expect(hit(page)).toBe(true);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).not.toMatch(/nonce-/);
    expect(page.body).not.toMatch(/nonce=/);
    const scripts = [...page.body.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const scriptSrc = /script-src ([^;]*)/.exec(csp)![1]!;
    for (const s of scripts) expect(scriptSrc).toContain(`'sha256-${createHash('sha256').update(s).digest('base64')}'`);
  });

  it('shows a reply, an edit and a moderator’s hiding on the next view', async () => {
    const url = `/t/${threadId}`;
    const cached = async () => {
      await view(url);
      const again = await view(url);
      expect(hit(again)).toBe(true);
      return again.body;
    };
    expect(await cached()).not.toContain('Also on the front camera');
    const post = await reply(t, fan, threadId, 'Also on the front camera');
    expect((await view(url)).body).toContain('Also on the front camera');

    expect(await cached()).toContain('Also on the front camera');
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/posts/${post.id}`,
      headers: { cookie: fan.cookie },
      payload: { body: 'Also on the back camera' },
    });
    expect(edit.statusCode).toBe(200);
    const edited = (await view(url)).body;
    expect(edited).toContain('Also on the back camera');
    expect(edited).not.toContain('Also on the front camera');

    expect(await cached()).toContain('Also on the back camera');
    const hide = await t.app.inject({
      method: 'POST',
      url: `/api/posts/${post.id}/hide`,
      headers: { cookie: staff.cookie },
      payload: { reason: 'off topic' },
    });
    expect(hide.statusCode).toBe(200);
    expect((await view(url)).body).not.toContain('Also on the back camera');
  });

  it('keeps a thread page no longer than its response clock’s state', async () => {
    const question = (await createThread(t, fan, board.id, { kind: 'question', title: 'Battery drains overnight' })).id;
    const { obligation } = (await t.app.inject({ method: 'GET', url: `/api/threads/${question}` })).json().thread;
    t.clock.set(new Date(new Date(obligation.warnAt).getTime() - 2_000));
    const url = `/t/${question}`;
    expect((await view(url)).body).toContain('state:"open"');
    t.clock.advance(1_000);
    const before = await view(url);
    expect(hit(before)).toBe(true);
    t.clock.advance(1_000);
    const after = await view(url);
    expect(hit(after)).toBe(false);
    expect(after.body).toContain('state:"warned"');
  });

  it('never mixes languages: by the language cookie, and by Accept-Language', async () => {
    const url = `/c/${board.slug}`;
    const cases: [Record<string, string>, string][] = [
      [{ cookie: 'PARAGLIDE_LOCALE=ja' }, 'ja'],
      [{}, 'en'],
      [{ 'accept-language': 'ja,en;q=0.8' }, 'ja'],
      [{ 'accept-language': 'en-US,en;q=0.9' }, 'en'],
      [{ cookie: 'PARAGLIDE_LOCALE=zh-CN', 'accept-language': 'ja' }, 'zh-CN'],
      [{ cookie: 'PARAGLIDE_LOCALE=en', 'accept-language': 'ja' }, 'en'],
      [{ cookie: 'PARAGLIDE_LOCALE=ja', 'accept-language': 'en' }, 'ja'],
    ];
    for (const [headers, lang] of cases) expect(langOf((await view(url, headers)).body), JSON.stringify(headers)).toBe(lang);
    for (const [headers, lang] of cases) {
      const again = await view(url, headers);
      expect(hit(again), JSON.stringify(headers)).toBe(true);
      expect(langOf(again.body), JSON.stringify(headers)).toBe(lang);
    }
  });

  it('never serves a signed-in reader a guest’s page, and never keeps theirs', async () => {
    const url = `/t/${threadId}?signed-in`;
    for (let i = 0; i < 2; i++) {
      const res = await view(url, { cookie: `PARAGLIDE_LOCALE=en; ${staff.cookie}` });
      expect(hit(res)).toBe(false);
      expect(res.body).toContain(staff.name);
    }
    const guest = await view(url, { cookie: 'PARAGLIDE_LOCALE=en' });
    expect(hit(guest)).toBe(false);
    expect(guest.body).not.toContain(staff.name);
    expect(hit(await view(url, { cookie: 'PARAGLIDE_LOCALE=en' }))).toBe(true);
    const signedIn = await view(url, { cookie: `PARAGLIDE_LOCALE=en; ${staff.cookie}` });
    expect(hit(signedIn)).toBe(false);
    expect(signedIn.body).toContain(staff.name);
  });

  it('never keeps a page that sets a cookie', async () => {
    const url = `/t/${threadId}?cookie=1`;
    const first = await view(url);
    expect(first.statusCode).toBe(200);
    expect(first.headers['set-cookie']).toBeDefined();
    const again = await view(url);
    expect(hit(again)).toBe(false);
    expect(again.headers['set-cookie']).toBeDefined();
    // The same page without the cookie is kept.
    await view(`/t/${threadId}?cookie=0`);
    expect(hit(await view(`/t/${threadId}?cookie=0`))).toBe(true);
  });

  describe('one render per page at a time', () => {
    const waiting = (n: number) => vi.waitFor(() => expect(t.app.readCache.stats().waiting).toBe(n), { timeout: 5000, interval: 5 });

    it('renders a cold page once for guests asking at the same time, and sends them all the same', async () => {
      const url = `/t/${threadId}?together`;
      const headers = { 'accept-encoding': 'gzip' };
      const pages = await Promise.all(Array.from({ length: 10 }, () => view(url, headers)));
      expect(renders.get(url)).toBe(1);
      expect(pages.map((p) => p.statusCode)).toEqual(Array(10).fill(200));
      expect(new Set(pages.map((p) => p.rawPayload.toString('base64'))).size).toBe(1);
      expect(pages.filter(hit)).toHaveLength(9);
      expect(gunzipSync(pages[0]!.rawPayload).toString()).toContain('Every photo after dusk');
    });

    it('never hands a page begun before a reply to a guest who asked after it', async () => {
      const url = `/t/${threadId}?during-a-reply`;
      const held = hold(url);
      const leader = view(url);
      const release = await held;
      const early = view(url); // asked before the reply: may have the leader's page
      await waiting(1);
      await reply(t, fan, threadId, 'Written while the page rendered');
      const late = await view(url); // asked after it: renders anew, not held
      expect(late.body).toContain('Written while the page rendered');
      expect(hit(late)).toBe(false);
      release();
      const [first, second] = await Promise.all([leader, early]);
      expect(first.body).not.toContain('Written while the page rendered');
      expect(second.body).toBe(first.body);
      expect(renders.get(url)).toBe(2);
      // And the page made before the reply was not kept.
      expect((await view(url)).body).toContain('Written while the page rendered');
    });

    it('lets each guest render their own page when the first one’s sets a cookie, and gives none of them that cookie', async () => {
      const url = `/t/${threadId}?flash`;
      const held = hold(url, { cookie: true });
      const leader = view(url);
      const release = await held;
      const others = [view(url), view(url)];
      await waiting(2);
      expect(renders.get(url)).toBe(1);
      release();
      const [first, ...rest] = await Promise.all([leader, ...others]);
      expect(first.headers['set-cookie']).toBe('flash=leader; Path=/');
      for (const page of rest) {
        expect(page.statusCode).toBe(200);
        expect(page.headers['set-cookie']).toBeUndefined();
        expect(hit(page)).toBe(false);
      }
      expect(renders.get(url)).toBe(3);
    });

    it('never makes a signed-in reader wait on a guest’s render', async () => {
      const url = `/t/${threadId}?held`;
      const held = hold(url);
      const guest = view(url);
      const release = await held;
      const otherGuest = view(url);
      await waiting(1);
      // The guests wait on the held render; the signed-in reader renders their own at once.
      const signedIn = await view(url, { cookie: staff.cookie });
      expect(signedIn.statusCode).toBe(200);
      expect(signedIn.body).toContain(staff.name);
      expect(t.app.readCache.stats().waiting).toBe(1);
      release();
      const [a, b] = await Promise.all([guest, otherGuest]);
      expect(b.body).toBe(a.body);
      expect(a.body).not.toContain(staff.name);
      expect(renders.get(url)).toBe(2);
    });
  });

  it('is off with READ_CACHE_MB=0', async () => {
    const off = await start({ READ_CACHE_MB: '0' });
    try {
      const admin = await createUser(off, { role: 'admin' });
      const cat = await createCategory(off, admin, { name: 'Cameras' });
      // The same views: kept by the default cache, not by this one.
      await view(`/c/${board.slug}`);
      expect(hit(await view(`/c/${board.slug}`))).toBe(true);
      await off.app.inject({ method: 'GET', url: `/c/${cat.slug}` });
      const res = await off.app.inject({ method: 'GET', url: `/c/${cat.slug}` });
      expect(res.statusCode).toBe(200);
      expect(hit(res)).toBe(false);
      expect(off.app.readCache.stats()).toMatchObject({ hits: 0, entries: 0 });
    } finally {
      await off.close();
    }
  });
});

describe.skipIf(!built)('the pages’ memory', () => {
  beforeAll(async () => {
    webHandler = ((await import(BUILD)) as { handler: WebHandler }).handler;
  });

  it('shares READ_CACHE_MB with the JSON answers, letting the least recently read go first', async () => {
    const small = await start({ READ_CACHE_MB: '1' });
    try {
      const admin = await createUser(small, { role: 'admin' });
      const author = await createUser(small);
      const cat = await createCategory(small, admin);
      const id = (await createThread(small, author, cat.id, { body: 'x '.repeat(4_000) })).id;
      for (let i = 0; i < 3; i++) await reply(small, author, id, `${i} ${'y '.repeat(4_000)}`);
      // Uncompressed, each view of the thread is over 60 KB: 30 of them are nearly twice the megabyte.
      const view = (n: number) => small.app.inject({ method: 'GET', url: `/t/${id}?v=${n}` });
      for (let n = 0; n < 30; n++) expect((await view(n)).statusCode).toBe(200);
      const { bytes, entries } = small.app.readCache.stats();
      expect(bytes).toBeLessThanOrEqual(1024 * 1024);
      expect(entries).toBeGreaterThan(5);
      expect(entries).toBeLessThan(30);
      expect(hit(await view(29))).toBe(true);
      expect(hit(await view(0))).toBe(false);
    } finally {
      await small.close();
    }
  });
});
