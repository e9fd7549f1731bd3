import { describe, expect, it } from 'vitest';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import {
  apiGet,
  apiLogin,
  baseURL,
  categories,
  demo,
  errorsOf,
  liveSubscribed,
  open,
  PHONE,
  seriousViolations,
  useBrowser,
} from './browser.ts';
import { msg } from './messages.ts';

// The tracker in a browser (issue 18): staff promote a thread from its page
// and link a second one to the same issue; an engineer triages with the
// keyboard and one bulk update; a fan votes on the roadmap and another open
// page sees the count move; the reporter sees the status change arrive (the
// system message and the notification toast); an executive acknowledges an
// escalation made from a thread's staff menu.

const tag = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
const origin = () => ({ origin: baseURL() });

interface IssueJson {
  key: string;
  status: string;
  severity: string | null;
  priority: string | null;
  assignee: { id: number } | null;
  voteCount: number;
  linkedThreadIds: number[];
}

async function post<T>(request: APIRequestContext, path: string, data: object = {}): Promise<T> {
  const res = await request.post(path, { data, headers: origin() });
  if (!res.ok()) throw new Error(`POST ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}
async function patch<T>(request: APIRequestContext, path: string, data: object): Promise<T> {
  const res = await request.patch(path, { data, headers: origin() });
  if (!res.ok()) throw new Error(`PATCH ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}
const issue = async (key: string) => (await apiGet<{ issue: IssueJson }>(`/api/issues/${key}`)).issue;

async function thread(request: APIRequestContext, title: string, kind = 'bug', board = 'bugs'): Promise<number> {
  const category = (await categories()).find((c) => c.slug === board)!;
  const body = { categoryId: category.id, title, body: `${title}: it happens every time.`, kind };
  return (await post<{ thread: { id: number } }>(request, '/api/threads', body)).thread.id;
}

describe('the tracker', () => {
  const b = useBrowser();

  /** A signed-in browser in English, whatever language the account saved. */
  async function as(email: string, opts: Parameters<typeof b.fresh>[0] = {}) {
    const s = await b.fresh(opts);
    const me = await apiLogin(s.context, email);
    await s.context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: baseURL() }]);
    return { ...s, me };
  }
  const staffTools = (page: Page) => page.locator('details.staff-menu');
  async function openStaffTools(page: Page) {
    const summary = staffTools(page).locator('summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    await staffTools(page).locator('.panel').waitFor();
  }

  it('staff promote a thread from its page; the badge appears live for a reader; a second thread is linked to the same issue', async () => {
    const fan = await as(demo.fan3);
    const t = tag();
    const first = await thread(fan.context.request, `Camera freezes on the lock screen ${t}`);
    const second = await thread(fan.context.request, `Lock screen camera stuck ${t}`);
    await open(fan.page, `/t/${first}`);
    expect(await fan.page.locator('.issue-badge').count()).toBe(0);

    const staff = await as(demo.staff2);
    await open(staff.page, `/t/${first}`);
    await openStaffTools(staff.page);
    expect(await seriousViolations(staff.page)).toEqual([]);
    await staff.page.getByRole('link', { name: msg('staff_menu_promote') }).click();
    await staff.page.waitForURL(/\/issues\/new\?thread=/);
    await staff.page.getByRole('heading', { level: 1, name: msg('promote_title') }).waitFor();
    // Prefilled from the thread.
    expect(await staff.page.getByLabel(msg('issue_field_title'), { exact: true }).inputValue()).toContain(t);
    await staff.page.getByLabel(msg('issue_field_severity')).selectOption('S2');
    await staff.page.getByRole('button', { name: msg('promote_create_submit') }).click();

    // Back on the thread: the badge with the new key, and the system message.
    await staff.page.waitForURL((u) => u.pathname.startsWith(`/t/${first}`));
    const badge = staff.page.locator('.issue-badge');
    await badge.waitFor();
    const key = (await badge.locator('.key').textContent())!.trim();
    expect(key).toMatch(/^KAK-\d+$/);
    await staff.page.locator('li.system', { hasText: key }).waitFor();
    expect(await issue(key)).toMatchObject({ status: 'new', severity: 'S2', linkedThreadIds: [first] });

    // The fan's open page shows it without a reload.
    await fan.page.locator('.issue-badge', { hasText: key }).waitFor({ timeout: 15_000 });

    // The second thread: linked to the same issue by its key, from the staff menu.
    await open(staff.page, `/t/${second}`);
    await openStaffTools(staff.page);
    await staff.page.getByLabel(msg('staff_menu_link_label')).fill(key.toLowerCase());
    // The link form's own button (the reply editor's toolbar has an "Insert link" button too).
    await staff.page
      .locator('form', { has: staff.page.getByLabel(msg('staff_menu_link_label')) })
      .getByRole('button', { name: msg('staff_menu_link_submit'), exact: true })
      .click();
    await staff.page.locator('.issue-badge', { hasText: key }).waitFor();
    expect((await issue(key)).linkedThreadIds).toEqual([first, second]);
    expect(errorsOf(staff.page)).toEqual([]);
    expect(errorsOf(fan.page)).toEqual([]);
  });

  it('an engineer triages three issues with the keyboard and applies one bulk update', async () => {
    const fan = await as(demo.fan2);
    const engineer = await as(demo.staff3);
    const t = tag();
    const keys: string[] = [];
    for (const n of [1, 2, 3]) {
      const id = await thread(fan.context.request, `Triage drill ${t} number ${n}`);
      keys.push((await post<{ issue: IssueJson }>(engineer.context.request, `/api/threads/${id}/promote`)).issue.key);
    }
    const page = engineer.page;
    await open(page, `/triage?status=all&sort=oldest&q=${encodeURIComponent(`Triage drill ${t}`)}`);
    const rows = page.locator('li[data-row]');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-key')))).toEqual(keys);

    const choose = async (field: string, choice: string) => {
      await page.keyboard.press(field);
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await dialog.getByRole('button', { name: choice }).focus();
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'hidden' });
    };
    // j: the first row; s: its severity.
    await page.keyboard.press('j');
    expect(await page.evaluate('document.activeElement?.dataset.key')).toBe(keys[0]);
    await choose('s', msg('issue_severity_s2'));
    await expect.poll(async () => (await issue(keys[0]!)).severity).toBe('S2');
    // The focus comes back to the row it left.
    expect(await page.evaluate('document.activeElement?.dataset.key')).toBe(keys[0]);
    // j, p: the second row's priority.
    await page.keyboard.press('j');
    await choose('p', msg('issue_priority_p1'));
    await expect.poll(async () => (await issue(keys[1]!)).priority).toBe('P1');
    // j, a: the third row goes to the engineer.
    await page.keyboard.press('j');
    await choose('a', engineer.me.name);
    await expect.poll(async () => (await issue(keys[2]!)).assignee?.id).toBe(engineer.me.id);
    await rows.nth(2).getByText(engineer.me.name).waitFor();

    // ? shows the keys; Escape closes them.
    await page.keyboard.press('?');
    await page.getByRole('heading', { name: msg('triage_help_title') }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');

    // x selects the first two rows; one bulk update moves both to triaged.
    await rows.nth(0).focus();
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.getByLabel(msg('issue_field_status')).nth(1).selectOption('triaged');
    await page.getByRole('button', { name: msg('triage_bulk_submit') }).click();
    await page.locator('main').getByText(msg('triage_bulk_result').replace('{updated}', '2').replace('{failed}', '0')).waitFor();
    expect((await issue(keys[0]!)).status).toBe('triaged');
    expect((await issue(keys[1]!)).status).toBe('triaged');
    expect((await issue(keys[2]!)).status).toBe('new');
    expect(errorsOf(page)).toEqual([]);
  });

  it('a fan votes on the roadmap and the count moves in another open page', async () => {
    const fan = await as(demo.fan);
    const staff = await as(demo.staff2);
    const t = tag();
    const id = await thread(fan.context.request, `Widgets on the lock screen ${t}`, 'suggestion', 'ideas');
    const { key } = (await post<{ issue: IssueJson }>(staff.context.request, `/api/threads/${id}/promote`, { type: 'feature' })).issue;
    await patch(staff.context.request, `/api/issues/${key}`, { status: 'planned' });

    const watcher = await b.fresh({ viewport: PHONE });
    await open(watcher.page, '/roadmap');
    const watched = watcher.page.locator(`li[data-key="${key}"]`);
    await watched.waitFor();
    expect((await watched.locator('.vote-button .count').textContent())?.trim()).toBe('0');

    await open(fan.page, '/roadmap');
    const item = fan.page.locator(`li[data-key="${key}"]`);
    const button = item.getByRole('button', { name: new RegExp(msg('vote_button').replace('{key}', key)) });
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    expect((await item.locator('.vote-button .count').textContent())?.trim()).toBe('1');
    // The other page, without a reload.
    await expect.poll(async () => (await watched.locator('.vote-button .count').textContent())?.trim(), { timeout: 15_000 }).toBe('1');
    expect((await issue(key)).voteCount).toBe(1);

    // Without JavaScript the vote button is a form that works all the same: the vote is withdrawn.
    const noJs = await as(demo.fan, { javaScriptEnabled: false });
    await open(noJs.page, '/roadmap');
    await noJs.page
      .locator(`li[data-key="${key}"]`)
      .getByRole('button', { name: new RegExp(msg('vote_button').replace('{key}', key)) })
      .click();
    await noJs.page.waitForURL(/\/roadmap$/);
    expect((await issue(key)).voteCount).toBe(0);
    await expect.poll(async () => (await watched.locator('.vote-button .count').textContent())?.trim(), { timeout: 15_000 }).toBe('0');
    expect(errorsOf(watcher.page)).toEqual([]);
  });

  it('the reporter sees the system message and the notification when their issue moves', async () => {
    const reporter = await as(demo.fan3);
    const staff = await as(demo.staff3);
    const id = await thread(reporter.context.request, `Bluetooth drops in the car ${tag()}`);
    const { key } = (await post<{ issue: IssueJson }>(staff.context.request, `/api/threads/${id}/promote`)).issue;
    // The toast comes over the reader's notifications, which the page subscribes to once it has loaded that code.
    const listening = liveSubscribed(reporter.page, 'notifications');
    await open(reporter.page, `/t/${id}`);
    await reporter.page.locator('.issue-badge', { hasText: key }).waitFor();
    await listening;

    await patch(staff.context.request, `/api/issues/${key}`, { status: 'planned' });
    // In the thread, live: the system message, and the badge's status.
    await reporter.page.locator('li.system', { hasText: key }).filter({ hasText: 'planned' }).waitFor({ timeout: 15_000 });
    await reporter.page.locator('.issue-badge', { hasText: msg('issue_status_planned') }).waitFor();
    // And the notification, as a toast linking to the issue.
    const toast = reporter.page.locator('.toast', { hasText: key });
    await toast.waitFor({ timeout: 15_000 });
    expect(await toast.textContent()).toContain(msg('issue_status_planned'));
    expect(await toast.getByRole('link').getAttribute('href')).toBe(`/issues/${key}`);
    expect(errorsOf(reporter.page)).toEqual([]);
  });

  it('staff escalate a thread from its menu; the executive sees the count and acknowledges it', async () => {
    const fan = await as(demo.fan2);
    const id = await thread(fan.context.request, `Refund never arrived ${tag()}`, 'question', 'help');
    const exec = await as(demo.exec);
    // The header's count moves with the staff alerts, which subscribe once the page has loaded their code.
    const listening = liveSubscribed(exec.page, 'staff-queue');
    await open(exec.page, '/');
    const before = (await apiGetAs<{ openCount: number }>(exec.context, '/api/escalations')).openCount;
    await listening;

    const staff = await as(demo.staff2);
    await open(staff.page, `/t/${id}`);
    await openStaffTools(staff.page);
    const note = `A journalist is asking about this refund (${tag()})`;
    await staff.page.getByLabel(msg('escalate_to_label')).selectOption({ label: exec.me.name });
    await staff.page.getByLabel(msg('escalate_note_label')).fill(note);
    await staff.page.getByRole('button', { name: msg('escalate_submit'), exact: true }).click();
    await staff.page.locator('.toast', { hasText: msg('staff_done_escalated') }).waitFor();

    // The executive's header counts it, live.
    const inboxLink = exec.page
      .locator('header')
      .getByRole('link', { name: new RegExp(msg('nav_inbox')) })
      .first();
    await expect
      .poll(async () => (await exec.page.locator('header .count').allTextContents()).includes(String(before + 1)), { timeout: 15_000 })
      .toBe(true);
    // The Staff menu of the header: its Inbox link.
    await exec.page.locator('header summary', { hasText: msg('nav_staff') }).click();
    await inboxLink.click();
    await exec.page.waitForURL(/\/staff\/inbox/);
    const item = exec.page.locator('li.escalation', { hasText: note });
    await item.waitFor();
    await item.getByRole('button', { name: msg('inbox_acknowledge') }).click();
    await item.waitFor({ state: 'detached' });
    expect((await apiGetAs<{ openCount: number }>(exec.context, '/api/escalations')).openCount).toBe(before);
    await exec.page.getByRole('link', { name: msg('inbox_tab_acknowledged') }).click();
    await exec.page.locator('li.escalation', { hasText: note }).waitFor();
    expect(errorsOf(exec.page)).toEqual([]);
  });
});

async function apiGetAs<T>(context: BrowserContext, path: string): Promise<T> {
  const res = await context.request.get(path);
  if (!res.ok()) throw new Error(`GET ${path}: ${res.status()}`);
  return (await res.json()) as T;
}
