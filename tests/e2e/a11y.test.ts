import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  allThreads,
  apiGet,
  apiLogin,
  baseURL,
  categories,
  demo,
  DESKTOP,
  hasHan,
  hasKana,
  horizontalOverflow,
  open,
  PHONE,
  resultsDir,
  screenshot,
  seriousViolations,
  useBrowser,
} from './browser.ts';

// The main pages in English, Japanese and Chinese: axe-core finds no serious
// or critical violation, nothing overflows horizontally on a phone, and
// <html lang> matches the language. English at 1280×800 and 390×844 (what
// depends on the layout: target sizes, hidden and shown parts, overflow);
// Japanese and Chinese at 390×844, where their text is likeliest to be cut
// off or overflow (what depends on the language: <html lang>, the translated
// names and labels; check-i18n proves no message is missing or empty).
// This file is the one axe pass per page and state: the other browser tests
// check their own behaviour on these pages without running axe again.
// The axe results per page are written to test-results/axe-results.json.

const LOCALES = ['en', 'ja', 'zh-CN'] as const;
type Locale = (typeof LOCALES)[number];
type Size = 'desktop' | 'phone';
const SIZES: Record<Locale, Size[]> = { en: ['desktop', 'phone'], ja: ['phone'], 'zh-CN': ['phone'] };

interface PageSpec {
  name: string;
  path: () => string;
  as?: string; // a demo login
}

let ids = { bug: 0, ja: 0, zh: 0, user: 0, issue: '', unlinked: 0, files: 0, leader: 0 };
const PAGES: PageSpec[] = [
  { name: 'home', path: () => '/' },
  { name: 'board', path: () => '/c/bugs' },
  { name: 'board-top', path: () => '/c/help?sort=top' },
  { name: 'thread-bug', path: () => `/t/${ids.bug}` },
  { name: 'thread-ja', path: () => `/t/${ids.ja}` },
  { name: 'thread-zh', path: () => `/t/${ids.zh}` },
  { name: 'thread-signed-in', path: () => `/t/${ids.bug}`, as: demo.fan3 },
  { name: 'login', path: () => '/login' },
  { name: 'register', path: () => '/register' },
  { name: 'profile', path: () => `/u/${ids.user}` },
  { name: 'search', path: () => '/search?q=battery' },
  { name: 'new-thread', path: () => '/new?c=bugs', as: demo.fan },
  { name: 'admin', path: () => '/admin', as: demo.admin },
  { name: 'staff-queue', path: () => '/staff/queue', as: demo.staff2 },
  { name: 'staff-stats', path: () => '/staff/stats', as: demo.staff2 },
  // The tracker: public pages, and staff pages as staff (the thread with its staff menu, the promote page).
  { name: 'roadmap', path: () => '/roadmap' },
  { name: 'issue', path: () => `/issues/${ids.issue}` },
  { name: 'issue-staff', path: () => `/issues/${ids.issue}`, as: demo.staff2 },
  { name: 'thread-staff', path: () => `/t/${ids.bug}`, as: demo.staff2 },
  { name: 'promote', path: () => `/issues/new?thread=${ids.unlinked}`, as: demo.staff2 },
  { name: 'triage', path: () => '/triage', as: demo.staff2 },
  { name: 'inbox', path: () => '/staff/inbox', as: demo.exec },
  // Pages and states made in beforeAll (the demo has none): a thread with an
  // image and a log attached, the fan's notifications (an unread staff answer),
  // the flag queue (an open flag; a resolved one), the audit log; and the leaderboard.
  { name: 'thread-files', path: () => `/t/${ids.files}`, as: demo.fan3 },
  { name: 'notifications', path: () => '/notifications', as: demo.fan3 },
  { name: 'flags', path: () => '/staff/flags', as: demo.staff2 },
  { name: 'flags-resolved', path: () => '/staff/flags?status=resolved', as: demo.staff2 },
  { name: 'audit', path: () => '/staff/audit', as: demo.staff2 },
  { name: 'leaderboard', path: () => '/leaderboard' },
  { name: 'leaderboard-all', path: () => '/leaderboard?period=all' },
  { name: 'profile-leader', path: () => `/u/${ids.leader}` },
];

const results: Record<string, unknown> = {};

describe('every main page: English on desktop and phone, Japanese and Chinese on a phone', () => {
  const b = useBrowser();

  beforeAll(async () => {
    const threads = await allThreads();
    ids = {
      bug: threads.find((t) => t.title.startsWith('Battery drains'))!.id,
      ja: threads.find((t) => hasKana(t.title))!.id,
      zh: threads.find((t) => hasHan(t.title) && !hasKana(t.title))!.id,
      user: (await apiGet<{ thread: { author: { id: number } } }>(`/api/threads/${threads[0]!.id}`)).thread.author.id,
      issue: '',
      unlinked: 0,
      files: 0,
      leader: (await apiGet<{ entries: { user: { id: number } }[] }>('/api/leaderboard?period=all&limit=1')).entries[0]!.user.id,
    };
    type Badge = { thread: { issue: { key: string } | null } };
    ids.issue = (await apiGet<{ issues: { key: string }[] }>('/api/issues?status=in_progress&limit=1')).issues[0]!.key;
    for (const t of threads) {
      if ((await apiGet<Badge>(`/api/threads/${t.id}`)).thread.issue === null) {
        ids.unlinked = t.id;
        break;
      }
    }
    ids.files = await makeFixtures();
  });

  /** The states the demo lacks, made through the API as people would: returns the thread with files. */
  async function makeFixtures(): Promise<number> {
    const as = async (email: string) => {
      const { context, page } = await b.fresh();
      await apiLogin(context, email);
      const post = async <T>(path: string, data: unknown = {}): Promise<T> => {
        const res = await context.request.post(path, { data, headers: { origin: baseURL() } });
        if (!res.ok()) throw new Error(`POST ${path}: ${res.status()} ${await res.text()}`);
        return (await res.json()) as T;
      };
      return { context, page, post };
    };
    const fan = await as(demo.fan3);
    const bugs = (await categories()).find((c) => c.slug === 'bugs')!;
    const attachmentIds: number[] = [];
    for (const file of [
      { name: '画面 screen.png', mimeType: 'image/png', buffer: await fan.page.screenshot() },
      { name: 'camera.log', mimeType: 'text/plain', buffer: Buffer.from('12:00:01 ERROR 電池 低下\n') },
    ]) {
      const res = await fan.context.request.post('/api/attachments', { multipart: { files: file }, headers: { origin: baseURL() } });
      if (res.status() !== 201) throw new Error(`upload: ${res.status()} ${await res.text()}`);
      attachmentIds.push(((await res.json()) as { attachments: { id: number }[] }).attachments[0]!.id);
    }
    type Created = { thread: { id: number } };
    const thread = async (title: string, more: object = {}) =>
      (await fan.post<Created>('/api/threads', { categoryId: bugs.id, kind: 'bug', title, body: 'The preview freezes.', ...more })).thread
        .id;
    const files = await thread('Preview freezes, screenshot and log attached', { attachmentIds });
    // A staff answer: the fan's notification.
    const staff = await as(demo.staff);
    await staff.post(`/api/threads/${files}/posts`, { body: 'Thanks, we are looking at the log.' });
    // Two flagged posts: one stays open, one is resolved (it is then in the audit log too).
    const flagger = await as(demo.fan2);
    const firstPost = async (id: number) => (await apiGet<{ posts: { id: number }[] }>(`/api/threads/${id}`)).posts[0]!.id;
    for (const [i, settle] of [false, true].entries()) {
      const id = await thread(`Buy followers here ${i}`);
      const { flag } = await flagger.post<{ flag: { id: number } }>(`/api/posts/${await firstPost(id)}/flag`, {
        reason: 'spam',
        note: 'Selling followers',
      });
      if (settle) await staff.post(`/api/flags/${flag.id}/resolve`, { reason: 'Spam' });
    }
    for (const c of [fan, staff, flagger]) await c.context.close();
    return files;
  }
  afterAll(() => {
    writeFileSync(join(resultsDir, 'axe-results.json'), JSON.stringify(results, null, 2));
  });

  // One signed-in (or guest) page per language, size and account, reused across pages.
  const pages = new Map<string, Page>();
  async function pageFor(locale: Locale, size: Size, as: string | undefined): Promise<Page> {
    const key = `${locale} ${size} ${as ?? 'guest'}`;
    let page = pages.get(key);
    if (!page) {
      const fresh = await b.fresh({ locale, viewport: size === 'phone' ? PHONE : DESKTOP });
      if (as) await apiLogin(fresh.context, as);
      // The language is chosen explicitly (the switcher's cookie), so an account's saved language does not win.
      await fresh.context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: baseURL() }]);
      page = fresh.page;
      pages.set(key, page);
    }
    return page;
  }

  for (const locale of LOCALES) {
    describe(locale, () => {
      // A language's pages are done with after its checks: closed, as an idle context still costs
      // CPU (about 2 % of a core each, measured) for the rest of the file.
      afterAll(async () => {
        for (const [key, page] of pages) {
          if (!key.startsWith(`${locale} `)) continue;
          pages.delete(key);
          await page.context().close();
        }
      });
      it.each(PAGES.map((p) => [p.name, p] as const))('%s', async (_name, spec) => {
        const problems: string[] = [];
        // Desktop and phone side by side: axe is work in each page's renderer, and there are two cores.
        const check = async (size: Size) => {
          const page = await pageFor(locale, size, spec.as);
          const res = await open(page, spec.path());
          expect(res?.status(), `${spec.path()} ${size}`).toBe(200);
          expect(await page.getAttribute('html', 'lang')).toBe(locale);

          const violations = await seriousViolations(page);
          results[`${locale} ${size} ${spec.name}`] = violations.length ? violations : 'no serious or critical violations';
          for (const v of violations) problems.push(`${size}: [${v.impact}] ${v.id}: ${v.help} — ${v.nodes.join(' | ')}`);

          if (size === 'phone') {
            const overflow = await horizontalOverflow(page);
            if (overflow > 0) problems.push(`phone: the page is ${overflow}px wider than the 390px screen`);
          }
          if (locale !== 'en' && ['home', 'thread-ja', 'thread-zh', 'new-thread'].includes(spec.name))
            await screenshot(page, `page-${spec.name}-${locale}-${size}`);
        };
        await Promise.all(SIZES[locale].map(check));
        problems.sort();
        expect(problems, problems.join('\n')).toEqual([]);
      });
    });
  }
});
