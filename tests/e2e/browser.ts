import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { msg } from './messages.ts';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const resultsDir = join(root, 'test-results');

export const DEMO_PASSWORD = 'kakera-demo';
export const demo = {
  admin: 'admin@kakera.test',
  exec: 'exec@kakera.test',
  staff: 'aiko@kakera.test',
  staff2: 'sam@kakera.test',
  staff3: 'chen@kakera.test',
  fan: 'mika@kakera.test',
  fan2: 'liwei@kakera.test',
  fan3: 'alex@kakera.test',
} as const;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-sync',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * The server of this test process: the global setup starts one per worker
 * (E2E_WORKERS), so that files running at the same time never see each
 * other's changes; a worker runs its files one after another on its own.
 */
export const baseURL = (): string => {
  const urls = inject('baseURLs');
  return urls[(Number(process.env.VITEST_POOL_ID ?? 1) - 1) % urls.length]!;
};

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

// One Chromium per test process, shared by its files (vitest.config.ts:
// `isolate: false`, so this module and the browser outlive a file): each file
// still gets its own contexts, closed after it. Launching Chromium for every
// file cost each file a second or two of both cores.
let shared: Promise<Browser> | null = null;
function sharedBrowser(): Promise<Browser> {
  shared ??= chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS }).then((browser) => {
    // A browser that crashed or was closed is launched again for the next file.
    browser.once('disconnected', () => (shared = null));
    return browser;
  });
  shared.catch(() => (shared = null));
  return shared;
}

/**
 * The test process's browser for a test file. `fresh()` gives a new context
 * (its own cookies) with a page, at desktop size and English unless told
 * otherwise; the file's contexts are closed after it.
 */
export function useBrowser() {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await sharedBrowser();
  });
  afterAll(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => {});
  });
  return {
    async fresh(opts: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
      if (!browser) throw new Error('browser not started');
      const context = await browser.newContext({
        baseURL: baseURL(),
        viewport: DESKTOP,
        locale: 'en-US',
        extraHTTPHeaders: opts.locale ? {} : { 'Accept-Language': 'en-US,en;q=0.9' },
        ...opts,
      });
      context.setDefaultTimeout(15_000);
      context.setDefaultNavigationTimeout(30_000);
      contexts.push(context);
      const page = await context.newPage();
      watchPage(page);
      return { context, page };
    },
  };
}

/** Page errors are kept on the page so a test can assert there were none. */
const pageErrors = new WeakMap<Page, string[]>();
function watchPage(page: Page) {
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (e) => errors.push(String(e)));
}
export const errorsOf = (page: Page): string[] => pageErrors.get(page) ?? [];

/**
 * Opens a page and waits until it has hydrated (the root layout marks
 * `html[data-hydrated]`), or, without JavaScript, until the network is idle.
 * Text typed into a server-rendered form before hydration would be reset.
 */
export async function open(page: Page, url: string) {
  const res = await page.goto(url);
  const hydrated = page.waitForSelector('html[data-hydrated]', { state: 'attached', timeout: 20_000 });
  const idle = page.waitForLoadState('networkidle', { timeout: 20_000 });
  hydrated.catch(() => {});
  idle.catch(() => {});
  await Promise.race([hydrated, idle]).catch(() => {});
  return res;
}

/**
 * Resolves when the page's live connection has been told it is subscribed to
 * `topic` (the server's `subscribed` frame). Call it before the page opens,
 * and await it before making the change the page should show live: a page
 * subscribes after it has hydrated, and some of its parts only after a
 * dynamic import (the notifications toast, the staff alerts), so an event
 * sent before then is not this page's to show.
 */
export function liveSubscribed(page: Page, topic: string, timeoutMs = 30_000): Promise<void> {
  const subscribed = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the page did not subscribe to ${topic} within ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
    page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => {
        let frame: { type?: string; topic?: string } = {};
        try {
          frame = JSON.parse(String(payload)) as typeof frame;
        } catch {
          return;
        }
        if (frame.type === 'subscribed' && frame.topic === topic) {
          clearTimeout(timer);
          resolve();
        }
      }),
    );
  });
  // A test that failed before awaiting it must not fail a later one with an unhandled rejection.
  subscribed.catch(() => {});
  return subscribed;
}

/** Signs in through the login form, as a person would. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await open(page, '/login');
  await page.getByLabel(msg('field_email')).fill(email);
  await page.getByLabel(msg('field_password')).fill(password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 }),
    page
      .locator('main')
      .getByRole('button', { name: msg('login_submit') })
      .click(),
  ]);
}

/** Signs in through the API (faster, for tests that are not about signing in). The browser context keeps the cookie. */
export async function apiLogin(context: BrowserContext, email: string, password = DEMO_PASSWORD) {
  const res = await context.request.post('/api/auth/login', { data: { email, password }, headers: { origin: baseURL() } });
  if (!res.ok()) throw new Error(`login ${email} failed: ${res.status()} ${await res.text()}`);
  return (await res.json()).user as { id: number; name: string; role: string };
}

let seq = 0;
export function uniqueEmail(prefix = 'fan'): string {
  seq++;
  return `${prefix}-${Date.now().toString(36)}-${seq}@e2e.test`;
}

// axe-core, evaluated in the page itself. (@axe-core/playwright evaluates its
// 650 KB three times per check and finishes in a new blank page: ~2.5 s per
// check on 2 cores against ~0.7 s here. Kakera's pages have no frames, so the
// frame-by-frame run it exists for buys nothing.)
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on the current page: the serious and critical violations, with where they are. */
export async function seriousViolations(page: Page) {
  if (page.frames().length > 1) throw new Error('seriousViolations checks the main frame only, and this page has frames');
  // Once per document: a navigation drops it.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeSource);
  const violations = await page.evaluate<AxeViolation[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ['violations'] })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.map(String) })) })))`,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

/** Horizontal overflow of the page: how far the document is wider than the viewport (0 is good). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Demo data, read through the API as a guest. */
export async function apiGet<T = unknown>(path: string): Promise<T> {
  const res = await fetch(`${baseURL()}${path}`);
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface CategoryInfo {
  id: number;
  slug: string;
  name: string;
  slaTargetSeconds: number;
  threadCount: number;
}
export interface ThreadSummaryInfo {
  id: number;
  title: string;
  kind: string;
  categoryId: number;
}

export async function categories(): Promise<CategoryInfo[]> {
  return (await apiGet<{ categories: CategoryInfo[] }>('/api/categories')).categories;
}

/** Every thread of the demo forum (first pages of each board are plenty). */
export async function allThreads(): Promise<ThreadSummaryInfo[]> {
  const out: ThreadSummaryInfo[] = [];
  for (const c of await categories()) {
    const page = await apiGet<{ threads: ThreadSummaryInfo[] }>(`/api/categories/${c.slug}/threads?limit=100`);
    out.push(...page.threads);
  }
  return out;
}

/** Japanese (kana) and Chinese (Han without kana) demo threads. */
export const hasKana = (s: string) => /[\u3040-\u30ff]/.test(s);
export const hasHan = (s: string) => /[\u4e00-\u9fff]/.test(s);

/**
 * Waits until a JavaScript expression is truthy in the page. (Playwright's
 * waitForFunction with a string needs eval, which the app's CSP rightly forbids.)
 */
export async function waitForExpression(page: Page, expression: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await page.evaluate(expression).catch(() => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${expression}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
