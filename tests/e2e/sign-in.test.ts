import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, demo, DEMO_PASSWORD, open, root, uniqueEmail, useBrowser } from './browser.ts';
import { freshDatabase } from './database.ts';
import { msg } from './messages.ts';

// Signing in, against the real build: `?next=` never leads off the site (in
// the browser too), a common password is refused on the form, every answer
// carries the header policy, and behind a proxy the web forms are
// rate-limited per browser, not per proxy.

const NEXT_VALUES = [
  '/%09/evil.example',
  '/%0A/x',
  '/%0D%0ASet-Cookie:%20x=1',
  '/%E2%80%AE',
  '/%5C/evil.example',
  '%5C%5Cevil.example',
  '//evil.example',
  '/%2F/evil.example',
  '/.//evil.example',
  '%09//evil.example',
  'https://evil.example/',
  'javascript:alert(1)',
];

/** Where a redirect goes, checked to be a path on `origin`. */
function expectLocal(location: string | null, origin: string, what: string) {
  expect(location, what).toBeTruthy();
  expect(location!, what).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
  expect(new URL(location!, origin).origin, what).toBe(origin);
}

describe('sign-in redirects', () => {
  const b = useBrowser();

  it('signing in from /login?next=/%09/evil.example lands on this site, in a real browser', async () => {
    const { page } = await b.fresh();
    const offsite: string[] = [];
    await page.route(
      (u) => u.origin !== baseURL(),
      (route) => {
        offsite.push(route.request().url());
        return route.abort();
      },
    );
    await open(page, '/login?next=/%09/evil.example');
    await page.getByLabel(msg('field_email')).fill(demo.fan3);
    await page.getByLabel(msg('field_password')).fill(DEMO_PASSWORD);
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 }),
      page
        .locator('main')
        .getByRole('button', { name: msg('login_submit') })
        .click(),
    ]);
    await page.waitForLoadState('load');
    expect(offsite).toEqual([]);
    expect(new URL(page.url()).origin).toBe(baseURL());
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('every odd `next` is answered with a redirect to a path on this site, never a 500', async () => {
    const origin = baseURL();
    const signIn = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email: demo.fan2, password: DEMO_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
    const form = (body: Record<string, string>) => ({
      method: 'POST',
      redirect: 'manual' as const,
      headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(body).toString(),
    });
    for (const next of NEXT_VALUES) {
      // Signed in, /login and /register send you on at once.
      for (const path of ['/login', '/register']) {
        const res = await fetch(`${origin}${path}?next=${next}`, { redirect: 'manual', headers: { cookie } });
        expect(res.status, `${path} ${next}`).toBe(303);
        expectLocal(res.headers.get('location'), origin, `${path} ${next}`);
      }
      // A guest sees the form …
      expect((await fetch(`${origin}/login?next=${next}`)).status, next).toBe(200);
      // … and signing in, or switching the language, sends them on.
      const login = await fetch(`${origin}/login?next=${next}`, form({ email: demo.fan2, password: DEMO_PASSWORD }));
      expect(login.status, `login ${next}`).toBe(303);
      expectLocal(login.headers.get('location'), origin, `login ${next}`);
      const locale = await fetch(`${origin}/locale`, form({ locale: 'en', next: decodeURIComponent(next) }));
      expect(locale.status, `locale ${next}`).toBe(303);
      expectLocal(locale.headers.get('location'), origin, `locale ${next}`);
    }
  });

  it('the register form refuses a common password and says why, beside the field', async () => {
    const { page } = await b.fresh();
    await open(page, '/register');
    expect(await page.locator('#password-hint').textContent()).toBe(msg('field_password_hint'));
    await page.getByLabel(msg('field_display_name')).fill('Common');
    await page.getByLabel(msg('field_email')).fill(uniqueEmail('common'));
    await page.getByLabel(msg('field_password')).fill('iloveyou');
    await page
      .locator('main')
      .getByRole('button', { name: msg('register_submit') })
      .click();
    await expect.poll(() => page.locator('#password-error').textContent()).toContain(msg('field_password_common'));
    expect(new URL(page.url()).pathname).toBe('/register');
  });
});

async function assetPaths(origin: string): Promise<string[]> {
  const html = await (await fetch(`${origin}/login`)).text();
  const asset = html.match(/\/_app\/immutable\/[^"']+\.js/)?.[0];
  expect(asset, 'a script of the build in the login page').toBeTruthy();
  return ['/login', '/c/bugs', asset!, '/favicon.svg', '/api/health', '/api/categories'];
}

describe('headers on pages, static files and the API (plain http)', () => {
  it('carry the one policy, and no HSTS over http', async () => {
    for (const path of await assetPaths(baseURL())) {
      const res = await fetch(`${baseURL()}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
      expect(res.headers.get('permissions-policy'), path).toMatch(/camera=\(\)/);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
    // Hashes of the page's inline scripts, no nonce: a guest's page is sent again as it is (apps/api/src/web/page-cache.ts).
    const csp = (await fetch(`${baseURL()}/login`)).headers.get('content-security-policy');
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toMatch(/nonce-|unsafe-inline/);
  });

  it('send a guest’s page again from memory, with the same hash-based policy (apps/api/src/web/page-cache.ts)', async () => {
    const url = `${baseURL()}/c/bugs`;
    const first = await fetch(url);
    const html = await first.text();
    // Any write on the server (a job's, a test's) drops what is kept: ask a few times.
    let again = await fetch(url);
    for (let i = 0; i < 5 && again.headers.get('x-kakera-cache') !== 'hit'; i++) again = await fetch(url);
    expect(again.headers.get('x-kakera-cache')).toBe('hit');
    expect(again.headers.get('content-security-policy')).toMatch(/script-src 'self' 'sha256-/);
    expect(await again.text()).toMatch(/^<!doctype html>/i);
    expect(html).toMatch(/^<!doctype html>/i);
  });
});

// ---------------------------------------------------------------------------
// A second server, as deployed behind a proxy: PUBLIC_URL https, rate limits
// on, and TRUST_PROXY naming the proxy's address (127.0.0.2) only — not
// 127.0.0.1, where the web app's own API calls come from.

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

/** A request from a chosen local address (the proxy, or a client beside it), with an optional X-Forwarded-For. */
function send(
  port: number,
  path: string,
  opts: { from: string; forwardedFor?: string; method?: string; form?: Record<string, string>; origin?: string },
): Promise<Answer> {
  const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: opts.method ?? (body ? 'POST' : 'GET'),
        localAddress: opts.from,
        headers: {
          accept: 'text/html',
          ...(opts.forwardedFor && { 'x-forwarded-for': opts.forwardedFor }),
          ...(opts.origin && { origin: opts.origin }),
          ...(body && { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) }),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('behind a proxy (a second server: https PUBLIC_URL, rate limits on, TRUST_PROXY=127.0.0.2)', () => {
  const publicUrl = 'https://forum.test';
  const proxy = '127.0.0.2';
  let port = 0;
  let child: ChildProcess | undefined;
  let dataDir = '';
  let database: Awaited<ReturnType<typeof freshDatabase>> = null;
  let log = '';

  beforeAll(async () => {
    port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'kakera-e2e-proxy-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: publicUrl,
      ORIGIN: publicUrl,
      RATE_LIMIT: 'on',
      TRUST_PROXY: proxy,
      LOG_LEVEL: 'warn',
      TZ: 'UTC',
    };
    delete env.DATABASE_URL;
    delete env.DEMO_DATA;
    delete env.INTERNAL_API_URL;
    // On PostgreSQL when the suite is (E2E_DATABASE_URL), as the global setup's servers.
    database = await freshDatabase('proxy');
    if (database) Object.assign(env, { DATABASE_URL: database.url, DEMO_DATA: '1' });
    // The bundle that the global setup built (apps/api/dist/server.mjs).
    child = spawn(process.execPath, [join(root, 'apps/api/dist/server.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`second server exited with ${child.exitCode}:\n${log}`);
      const up = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline) throw new Error(`second server did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  });

  const register = (from: string, forwardedFor?: string) =>
    send(port, '/register', {
      from,
      forwardedFor,
      origin: publicUrl,
      form: { name: 'Proxy fan', email: uniqueEmail('proxy'), password: 'a proxy password' },
    });
  const login = (from: string, forwardedFor: string, password: string) =>
    send(port, '/login', { from, forwardedFor, origin: publicUrl, form: { email: demo.fan, password } });

  it('gives each browser behind the proxy its own registration allowance', async () => {
    const first: number[] = [];
    for (let i = 0; i < 11; i++) first.push((await register(proxy, '203.0.113.10')).status);
    expect(first.slice(0, 10)).toEqual(Array(10).fill(303));
    expect(first[10]).toBe(429);
    // Another browser behind the same proxy is not affected.
    expect((await register(proxy, '203.0.113.11')).status).toBe(303);
  });

  it('gives each browser behind the proxy its own login budget: a guesser does not hold up the owner', async () => {
    const guesses: number[] = [];
    for (let i = 0; i < 6; i++) guesses.push((await login(proxy, '203.0.113.20', `guess ${i}`)).status);
    expect(guesses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await login(proxy, '203.0.113.21', DEMO_PASSWORD)).status).toBe(303);
  });

  it('a browser beside the proxy cannot choose its address with X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await register('127.0.0.3', `198.51.100.${i + 1}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(303));
    expect(statuses[10]).toBe(429);
  });

  it('sends HSTS on pages, static files and the API when PUBLIC_URL is https', async () => {
    for (const path of await assetPaths(`http://127.0.0.1:${port}`)) {
      const res = await send(port, path, { from: proxy });
      expect(res.status, path).toBe(200);
      expect(res.headers['strict-transport-security'], path).toMatch(/^max-age=\d{8,}/);
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
    }
  });
});
