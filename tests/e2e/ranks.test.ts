import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
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
  screenshot,
  uniqueEmail,
  useBrowser,
} from './browser.ts';
import { msg } from './messages.ts';

// Fan ranks on the web: a new fan's level title beside their name changes
// once they earn enough, staff show a staff badge with their team, the
// leaderboard lists fans in order (before JavaScript too), and the
// leaderboard and a profile fit a phone and a desktop (axe: a11y.test.ts).

const origin = () => ({ origin: baseURL() });

async function register(context: BrowserContext, name: string) {
  const res = await context.request.post('/api/auth/register', {
    data: { email: uniqueEmail('rank'), password: 'correct horse battery', name },
    headers: origin(),
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).user as { id: number; name: string };
}

async function post<T>(context: BrowserContext, url: string, data: unknown): Promise<T> {
  const res = await context.request.post(url, { data, headers: origin() });
  expect(res.ok(), `${url}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

/** The badge beside a person's name in a post of the open thread. */
const badgeOf = (page: Page, name: string) =>
  page
    .locator('main article.post')
    .filter({ has: page.getByRole('link', { name, exact: true }) })
    .first()
    .locator('.who .badge')
    .first();

interface Entry {
  rank: number;
  points: number;
  user: { id: number; name: string };
}

describe('fan ranks', () => {
  const b = useBrowser();

  it('a new fan’s level title changes beside their name once their answer is accepted; staff show their team', async () => {
    const asker = await b.fresh();
    const answerer = await b.fresh();
    await register(asker.context, `Asker ${Date.now().toString(36)}`);
    const fan = await register(answerer.context, `Ranker ${Date.now().toString(36)}`);
    const help = (await categories()).find((c) => c.slug === 'help') ?? (await categories())[0]!;
    const { thread } = await post<{ thread: { id: number } }>(asker.context, '/api/threads', {
      categoryId: help.id,
      title: 'How do I pair the controller again?',
      body: 'It stopped pairing after the update.',
      kind: 'question',
    });
    const { post: answer } = await post<{ post: { id: number } }>(answerer.context, `/api/threads/${thread.id}/posts`, {
      body: 'Hold the pair button for five seconds, then choose it again in the settings.',
    });

    const { page } = await b.fresh();
    await open(page, `/t/${thread.id}`);
    expect(await badgeOf(page, fan.name).textContent()).toBe(msg('level_1'));

    // A staff member answers too: a staff badge with the team, not a level.
    const staff = await b.fresh();
    await apiLogin(staff.context, demo.staff2);
    await post(staff.context, `/api/threads/${thread.id}/posts`, { body: 'Thanks for the report, we are looking at pairing.' });

    // Accepted: 10 points more, 11 in all, past the second level's 10.
    await post(asker.context, `/api/threads/${thread.id}/accept`, { postId: answer.id });
    await open(page, `/t/${thread.id}`);
    expect(await badgeOf(page, fan.name).textContent()).toBe(msg('level_2'));
    expect(await badgeOf(page, 'Sam Rivera').textContent()).toBe(msg('badge_staff_team').replace('{team}', 'Support'));

    // The profile says why: the award in the history, the badge with when and why, the answer.
    await open(page, `/u/${fan.id}`);
    const history = page.getByRole('region', { name: msg('points_history_title') });
    await expect.poll(() => history.getByRole('link', { name: msg('points_reason_accepted_answer') }).count()).toBe(1);
    const badges = page.getByRole('region', { name: msg('badges_title') });
    expect(await badges.getByRole('heading', { name: msg('badge_name_first_accepted_answer') }).count()).toBe(1);
    const answers = page.getByRole('region', { name: msg('answers_title') });
    expect(await answers.getByRole('link', { name: 'How do I pair the controller again?' }).count()).toBe(1);
    expect(errorsOf(page)).toEqual([]);
  });

  it('lists fans by points, most first, with ranks, tabs and pages as links (before JavaScript)', async () => {
    const { page } = await b.fresh({ javaScriptEnabled: false });
    await open(page, '/leaderboard');
    const tabs = page.getByRole('navigation', { name: msg('leaderboard_periods') });
    expect(await tabs.getByRole('link', { name: msg('leaderboard_month') }).getAttribute('aria-current')).toBe('page');
    await Promise.all([page.waitForURL(/period=all/), tabs.getByRole('link', { name: msg('leaderboard_all') }).click()]);
    expect(await tabs.getByRole('link', { name: msg('leaderboard_all') }).getAttribute('aria-current')).toBe('page');

    const api = (await (await fetch(`${baseURL()}/api/leaderboard?period=all&limit=50`)).json()) as {
      entries: Entry[];
      nextCursor: string | null;
    };
    expect(api.entries.length).toBeGreaterThan(1);
    const rows = page.locator('main table tbody tr');
    const names = await rows.locator('th').allTextContents();
    expect(names.map((n) => n.trim())).toEqual(api.entries.map((e) => e.user.name));
    const points = (await rows.locator('td:last-child').allTextContents()).map((t) => Number(t.replace(/\D/g, '')));
    const ranks = (await rows.locator('td:first-child').allTextContents()).map((t) => Number(t.replace(/\D/g, '')));
    expect(points).toEqual(api.entries.map((e) => e.points));
    for (let i = 1; i < points.length; i++) {
      expect(points[i]).toBeLessThanOrEqual(points[i - 1]!);
      // Ties share a rank; otherwise the rank is the position.
      expect(ranks[i]).toBe(points[i] === points[i - 1] ? ranks[i - 1] : i + 1);
    }
    if (api.nextCursor) {
      await Promise.all([page.waitForURL(/cursor=/), page.getByRole('link', { name: msg('leaderboard_next') }).click()]);
      const next = Number((await rows.locator('td:first-child').first().textContent())!.replace(/\D/g, ''));
      expect(next).toBeGreaterThanOrEqual(ranks[ranks.length - 1]!);
    }
  });

  for (const [size, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    // Their axe pass is a11y.test.ts's ('leaderboard', 'leaderboard-all', 'profile-leader').
    it(`the leaderboard and a profile fit a ${size}`, async () => {
      const { page } = await b.fresh({ viewport });
      const board = (await (await fetch(`${baseURL()}/api/leaderboard?period=all&limit=1`)).json()) as { entries: Entry[] };
      for (const path of ['/leaderboard', '/leaderboard?period=all', `/u/${board.entries[0]!.user.id}`]) {
        await open(page, path);
        expect(await horizontalOverflow(page), path).toBe(0);
      }
      await screenshot(page, `ranks-profile-${size}`);
      await open(page, '/leaderboard');
      await screenshot(page, `ranks-leaderboard-${size}`);
      expect(errorsOf(page)).toEqual([]);
    });
  }
});
