import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  allThreads,
  apiGet,
  apiLogin,
  baseURL,
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

// The main pages in English, Japanese and Chinese, at 1280×800 and 390×844:
// axe-core finds no serious or critical violation, nothing overflows
// horizontally on a phone, and <html lang> matches the language.
// The axe results per page are written to test-results/axe-results.json.

const LOCALES = ['en', 'ja', 'zh-CN'] as const;
type Locale = (typeof LOCALES)[number];

interface PageSpec {
  name: string;
  path: () => string;
  as?: string; // a demo login
}

let ids: { bug: number; ja: number; zh: number; user: number; issue: string; unlinked: number } = {
  bug: 0,
  ja: 0,
  zh: 0,
  user: 0,
  issue: '',
  unlinked: 0,
};
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
];

const results: Record<string, unknown> = {};

describe('every main page, in every language, on desktop and phone', () => {
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
    };
    type Badge = { thread: { issue: { key: string } | null } };
    ids.issue = (await apiGet<{ issues: { key: string }[] }>('/api/issues?status=in_progress&limit=1')).issues[0]!.key;
    for (const t of threads) {
      if ((await apiGet<Badge>(`/api/threads/${t.id}`)).thread.issue === null) {
        ids.unlinked = t.id;
        break;
      }
    }
  });
  afterAll(() => {
    writeFileSync(join(resultsDir, 'axe-results.json'), JSON.stringify(results, null, 2));
  });

  // One signed-in (or guest) page per language, size and account, reused across pages.
  const pages = new Map<string, Page>();
  async function pageFor(locale: Locale, size: 'desktop' | 'phone', as: string | undefined): Promise<Page> {
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
      it.each(PAGES.map((p) => [p.name, p] as const))('%s', async (_name, spec) => {
        const problems: string[] = [];
        // Desktop and phone side by side: axe is work in each page's renderer, and there are two cores.
        const check = async (size: 'desktop' | 'phone') => {
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
        await Promise.all([check('desktop'), check('phone')]);
        problems.sort();
        expect(problems, problems.join('\n')).toEqual([]);
      });
    });
  }
});
