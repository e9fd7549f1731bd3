import { describe, expect, it } from 'vitest';
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
  uniqueEmail,
  useBrowser,
} from './browser.ts';
import { msg } from './messages.ts';

// Moderation from the pages: a fan flags a post, staff resolve the flag from
// the flag queue (the post is hidden), lock and move the thread from its staff
// menu, and all three show on the audit log page, filtered to that staff
// member. The two staff pages are in three languages and fit a desktop and a
// phone (their axe pass is a11y.test.ts's).

describe('moderation', () => {
  const b = useBrowser();

  it('a fan flags, staff resolve the flag, lock and move the thread; the audit log shows all three', async () => {
    const boards = await categories();
    const help = boards.find((c) => c.slug === 'help')!;
    const other = boards.find((c) => c.id !== help.id)!;
    // A new fan writes the post (the demo fans other than Alex read in Japanese or Chinese).
    const author = await b.fresh();
    const registered = await author.context.request.post('/api/auth/register', {
      data: { email: uniqueEmail('spammer'), password: 'correct horse battery', name: `Spammer ${Date.now().toString(36)}` },
      headers: { origin: baseURL() },
    });
    expect(registered.status()).toBe(201);
    const title = `Cheap followers here ${Date.now().toString(36)}`;
    const created = await author.context.request.post('/api/threads', {
      data: { categoryId: help.id, title, body: 'Buy followers at a great price, click my link!', kind: 'discussion' },
      headers: { origin: baseURL() },
    });
    expect(created.status()).toBe(201);
    const threadId = (await created.json()).thread.id as number;

    // A fan flags the opening post as spam.
    const fan = await b.fresh();
    await apiLogin(fan.context, demo.fan3);
    await open(fan.page, `/t/${threadId}`);
    await fan.page
      .locator('details.mod > summary', { hasText: msg('mod_flag_toggle') })
      .first()
      .click();
    await fan.page.getByRole('radio', { name: msg('mod_flag_reason_spam') }).check();
    await fan.page.getByLabel(msg('mod_flag_note_label')).fill('Selling followers');
    await fan.page.getByRole('button', { name: msg('mod_flag_submit') }).click();
    await fan.page.getByText(msg('mod_flag_done')).first().waitFor({ state: 'attached' });

    // Staff resolve it from the flag queue: the post is hidden.
    const staff = await b.fresh();
    const me = await apiLogin(staff.context, demo.staff2);
    await open(staff.page, '/staff/flags');
    const card = staff.page.locator('li', { has: staff.page.getByRole('link', { name: title }) });
    await card.getByText('Selling followers').waitFor();
    await card.getByRole('button', { name: msg('flags_resolve') }).click();
    await card.waitFor({ state: 'detached' });
    await open(staff.page, `/t/${threadId}`);
    await staff.page.getByText(msg('post_hidden_placeholder')).waitFor();

    // Lock and move the thread from its staff menu.
    const menu = () => staff.page.locator('details.staff-menu > summary');
    await menu().click();
    await staff.page.getByRole('button', { name: msg('staff_menu_lock'), exact: true }).click();
    await staff.page.getByRole('button', { name: msg('staff_menu_unlock'), exact: true }).waitFor({ state: 'attached' });
    if ((await staff.page.locator('details.staff-menu').getAttribute('open')) === null) await menu().click();
    await staff.page.getByLabel(msg('staff_menu_move_label')).selectOption(String(other.id));
    await staff.page.getByRole('button', { name: msg('staff_menu_move'), exact: true }).click();
    await expect
      .poll(async () => (await (await staff.context.request.get(`/api/threads/${threadId}`)).json()).thread.categoryId)
      .toBe(other.id);

    // The audit log, filtered to this staff member with the page's own form.
    await open(staff.page, '/staff/audit');
    await staff.page.getByLabel(msg('audit_filter_actor')).selectOption(String(me.id));
    await staff.page.getByRole('button', { name: msg('audit_filter_submit') }).click();
    await staff.page.waitForURL((u) => u.searchParams.get('actor') === String(me.id));
    const log = staff.page.locator('ol.audit');
    const line = (action: string, target: string) =>
      log
        .locator('li', { hasText: msg(action) })
        .filter({ hasText: target })
        .first();
    await line('audit_action_flag_resolved', 'flag:').waitFor();
    await line('audit_action_thread_locked', `thread:${threadId}`).waitFor();
    await line('audit_action_thread_moved', `thread:${threadId}`).waitFor();
    expect(await line('audit_action_thread_moved', `thread:${threadId}`).textContent()).toContain(other.name);
    expect(errorsOf(staff.page)).toEqual([]);
    expect(errorsOf(fan.page)).toEqual([]);
  });

  // axe on these pages (an open flag, a resolved one, the audit log) is a11y.test.ts's: 'flags', 'flags-resolved', 'audit'.
  it('the flag queue and the audit log are in every language and fit the desktop and a 390 px phone', async () => {
    for (const locale of ['en', 'ja', 'zh-CN'] as const) {
      const staff = await b.fresh({ locale });
      await staff.context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: baseURL() }]);
      await apiLogin(staff.context, demo.staff2);
      for (const viewport of [DESKTOP, PHONE]) {
        await staff.page.setViewportSize(viewport);
        for (const path of ['/staff/flags', '/staff/flags?status=resolved', '/staff/audit']) {
          const where = `${locale} ${viewport.width} ${path}`;
          await open(staff.page, path);
          expect(await staff.page.getAttribute('html', 'lang'), where).toBe(locale);
          expect(await horizontalOverflow(staff.page), where).toBeLessThanOrEqual(0);
        }
      }
      await staff.context.close();
    }
  }, 300_000);
});
