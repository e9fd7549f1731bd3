import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  allThreads,
  apiLogin,
  baseURL,
  categories,
  demo,
  DESKTOP,
  errorsOf,
  horizontalOverflow,
  open,
  PHONE,
  resultsDir,
  screenshot,
  useBrowser,
} from './browser.ts';
import { msg } from './messages.ts';

// The rough edges people tripped over (issue 19): the statistics table and
// charts on a phone, focus and announcements in the staff queue, tap targets,
// toasts over buttons, the queue's keyboard hint on phones, the header's
// search placeholder.

/* eslint-disable @typescript-eslint/no-explicit-any -- callbacks passed to evaluate() run in the page: these are the browser's globals there */
declare const document: any;
declare const getComputedStyle: (el: unknown) => any;
/* eslint-enable @typescript-eslint/no-explicit-any */

type Locale = 'en' | 'ja' | 'zh-CN';
const LOCALES: Locale[] = ['en', 'ja', 'zh-CN'];
const COLUMNS = ['obligations', 'met', 'breached', 'nrn', 'open', 'compliance', 'median', 'p90', 'resolved', 'resolution_rate'] as const;
const TAP = 44;

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxOf(l: Locator): Promise<Box> {
  const box = await l.boundingBox();
  if (!box) throw new Error('not rendered');
  return box;
}

describe('rough edges', () => {
  const b = useBrowser();

  async function staffPage(locale: Locale, viewport: { width: number; height: number }, as: string = demo.staff2): Promise<Page> {
    const { context, page } = await b.fresh({ locale, viewport, extraHTTPHeaders: { 'Accept-Language': locale } });
    await apiLogin(context, as);
    // The language is chosen explicitly (the switcher's cookie), so an account's saved language does not win.
    await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: baseURL() }]);
    return page;
  }

  it.each(LOCALES)(
    '/staff/stats in %s: short headers with full names, no word broken or cut, a sticky first column, readable axes — 390 and 1280 px',
    async (locale) => {
      const problems: string[] = [];
      // One signed-in page, at each size in turn. axe on /staff/stats is a11y.test.ts's ('staff-stats').
      const page = await staffPage(locale, PHONE);
      for (const [size, viewport] of [
        ['phone', PHONE],
        ['desktop', DESKTOP],
      ] as const) {
        await page.setViewportSize(viewport);
        const where = `${locale} ${size}`;
        expect((await open(page, '/staff/stats?days=30'))?.status()).toBe(200);
        expect(await page.getAttribute('html', 'lang')).toBe(locale);

        const table = page.getByRole('region', { name: msg('sla_group_day', locale) });
        // A focusable, labelled scroll region.
        expect(await table.getAttribute('tabindex'), where).toBe('0');
        const headers = table.locator('thead th');
        expect(await headers.count()).toBe(COLUMNS.length + 1);
        for (const [i, key] of COLUMNS.entries()) {
          const th = headers.nth(i + 1);
          const full = msg(`sla_col_${key}`, locale);
          expect(await th.locator('abbr').getAttribute('title'), where).toBe(full);
          expect((await th.locator('abbr').textContent())?.trim(), where).toBe(msg(`sla_colshort_${key}`, locale));
          expect(await th.locator('.visually-hidden').textContent(), where).toBe(full);
          // One line (no break inside a word), nothing cut off.
          const fit = await th.evaluate((el) => {
            const abbr = el.querySelector('abbr')!;
            return { lines: abbr.getClientRects().length, scroll: el.scrollWidth, client: el.clientWidth };
          });
          if (fit.lines !== 1) problems.push(`${where}: header "${full}" breaks over ${fit.lines} lines`);
          if (fit.scroll > fit.client) problems.push(`${where}: header "${full}" is cut off (${fit.scroll} > ${fit.client})`);
        }
        // Nothing floats above the table: the first header cell is inside the table's box.
        const tableBox = await boxOf(table.locator('table'));
        const corner = await boxOf(headers.first());
        if (corner.y < tableBox.y - 1) problems.push(`${where}: a header cell sits above the table`);

        // Phones: the first column stays while the figures scroll sideways.
        if (size === 'phone') {
          const firstCell = table.locator('tbody th[scope=row]').first();
          const dateLines = await firstCell.evaluate((el) => {
            const range = document.createRange();
            range.selectNodeContents(el);
            return new Set([...range.getClientRects()].map((r: { top: number }) => Math.round(r.top))).size;
          });
          if (dateLines > 1) problems.push(`${where}: the first row's date breaks over ${dateLines} lines`);
          const before = await boxOf(firstCell);
          await table.evaluate((el) => (el.scrollLeft = 400));
          const scrolled = await table.evaluate((el) => el.scrollLeft);
          const after = await boxOf(firstCell);
          if (scrolled > 0 && Math.abs(after.x - before.x) > 1) problems.push(`${where}: the first column scrolled away`);
          await table.evaluate((el) => (el.scrollLeft = 0));
          const overflow = await horizontalOverflow(page);
          if (overflow > 0) problems.push(`${where}: the page is ${overflow}px wider than the screen`);
        }

        // The charts' labels: at least 12 px, each on one line, none overlapping another or cut at the chart's edges.
        for (const chart of await page.locator('figure.chart').all()) {
          const figure = await boxOf(chart);
          const labels = await chart.locator('.x-axis span, .y-axis span').evaluateAll((els) =>
            els
              .filter((el) => el.textContent!.trim() && getComputedStyle(el).visibility !== 'hidden')
              .map((el) => {
                const r = el.getBoundingClientRect();
                // The text's own box (a label may be wider than its grid cell).
                const range = document.createRange();
                range.selectNodeContents(el);
                const t = range.getBoundingClientRect();
                return {
                  text: el.textContent!.trim(),
                  x: t.x,
                  y: r.y,
                  width: t.width,
                  height: r.height,
                  size: parseFloat(getComputedStyle(el).fontSize),
                  axis: el.parentElement!.className.includes('x-axis') ? 'x' : 'y',
                };
              }),
          );
          if (!labels.length) problems.push(`${where}: a chart without labels`);
          for (const l of labels) {
            if (l.size < 12) problems.push(`${where}: chart label "${l.text}" is ${l.size}px`);
            if (l.x < figure.x - 1 || l.x + l.width > figure.x + figure.width + 1)
              problems.push(`${where}: chart label "${l.text}" is cut off`);
          }
          const xs = labels.filter((l) => l.axis === 'x').sort((a, b) => a.x - b.x);
          for (let i = 1; i < xs.length; i++) {
            if (xs[i]!.x < xs[i - 1]!.x + xs[i - 1]!.width)
              problems.push(`${where}: chart labels "${xs[i - 1]!.text}" and "${xs[i]!.text}" overlap`);
          }
        }
        // The legend's entries never break inside a word ("Me/t").
        for (const item of await page.locator('.legend .item').all()) {
          // The lines its words take (the colour swatch beside them is not a word).
          const lines = await item.evaluate((el) => {
            const range = document.createRange();
            range.selectNode(el.lastChild);
            return new Set([...range.getClientRects()].map((r: { top: number }) => Math.round(r.top))).size;
          });
          if (lines > 1) problems.push(`${where}: legend entry "${await item.textContent()}" breaks`);
        }
        await screenshot(page, `rough-stats-${locale}-${size}`);
        // The charts and the table's head, at their real size, to look at.
        await page.locator('.charts').screenshot({ path: `${resultsDir}/rough-stats-charts-${locale}-${size}.png` });
        await table.screenshot({ path: `${resultsDir}/rough-stats-table-${locale}-${size}.png` });
        expect(errorsOf(page)).toEqual([]);
      }
      await page.context().close();
      expect(problems, problems.join('\n')).toEqual([]);
    },
    120_000,
  );

  it('the staff queue: claiming and closing keep focus on the row (or the next) and are announced; the keyboard hint is not on phones', async () => {
    const fan = await b.fresh();
    const author = await apiLogin(fan.context, demo.fan3);
    const help = (await categories()).find((c) => c.slug === 'help')!;
    const titles = [0, 1].map((i) => `Rough edges queue ${i} ${Date.now().toString(36)}`);
    for (const title of titles) {
      const created = await fan.context.request.post('/api/threads', {
        data: { categoryId: help.id, title, body: 'The **sync** icon spins forever.\n\nSince 3.2.', kind: 'question' },
        headers: { origin: baseURL() },
      });
      expect(created.status()).toBe(201);
    }

    const page = await staffPage('en', DESKTOP);
    await open(page, '/staff/queue');
    expect(await page.getByText(msg('sla_queue_keys')).isVisible()).toBe(true);
    const row = page.locator('li[data-row]', { has: page.getByRole('link', { name: titles[0]!, exact: true }) });
    await row.waitFor();
    // The fan's name (as names are shown everywhere), the board and the post's first line, as plain text.
    expect(await row.locator('[data-author]').textContent()).toBe(author.name);
    expect(await row.locator('[data-board]').textContent()).toBe(help.name);
    expect(await row.locator('.excerpt').textContent()).toBe('The sync icon spins forever.');
    const id = await row.getAttribute('data-id');

    // Claim by keyboard: focus stays on the row, and it is said.
    await row.getByRole('button', { name: msg('sla_claim') }).focus();
    await page.keyboard.press('Enter');
    await row.getByRole('button', { name: msg('sla_unclaim') }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.dataset?.id ?? document.activeElement?.tagName)).toBe(id);
    const status = page.locator('[role=status][aria-live=polite]').first();
    await expect.poll(() => status.textContent()).toBe(msg('sla_claimed_announce').replace('{title}', titles[0]!));

    // Close it: the row leaves, focus goes to the row that took its place, and it is said.
    const ids = await page
      .locator('li[data-row]')
      .evaluateAll((els) => els.map((el) => (el as unknown as { dataset: { id: string } }).dataset.id));
    const next = ids[ids.indexOf(id!) + 1] ?? ids[ids.indexOf(id!) - 1];
    await row.locator('summary').click();
    await row.getByLabel(msg('sla_close_reason_label')).selectOption('thanks');
    await row.getByRole('button', { name: msg('sla_close_submit') }).focus();
    await page.keyboard.press('Enter');
    await row.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.dataset?.id ?? document.activeElement?.tagName)).toBe(next);
    await expect.poll(() => status.textContent()).toBe(msg('sla_closed_announce').replace('{title}', titles[0]!));
    expect(errorsOf(page)).toEqual([]);

    // Phones and touch screens have no keys to tell about.
    const phone = await staffPage('en', PHONE);
    await open(phone, '/staff/queue');
    await phone.getByRole('heading', { level: 1, name: msg('sla_queue_title') }).waitFor();
    expect(await phone.getByText(msg('sla_queue_keys')).isVisible()).toBe(false);
    // axe on the queue on a phone: a11y.test.ts ('staff-queue').
    expect(await horizontalOverflow(phone)).toBe(0);
  });

  it('phones: like, accept, edit, delete, post numbers and breadcrumbs are at least 44 px; the desktop keeps its compact buttons', async () => {
    const thread = (await allThreads()).find((t) => t.title.startsWith('Battery drains'))!;
    const page = await staffPage('en', PHONE);
    await open(page, `/t/${thread.id}`);
    const targets: [string, Locator][] = [
      ['like', page.locator('button.like').first()],
      ['accept', page.getByRole('button', { name: new RegExp(`^(${msg('post_accept')}|${msg('post_unaccept')})$`) }).first()],
      ['edit', page.getByRole('link', { name: msg('post_edit'), exact: true }).first()],
      ['delete', page.getByRole('button', { name: msg('post_delete'), exact: true }).first()],
      ['post number', page.locator('a.number').first()],
      [
        'breadcrumb',
        page
          .getByRole('navigation', { name: msg('breadcrumb_label') })
          .getByRole('link')
          .first(),
      ],
      [
        'breadcrumb (board)',
        page
          .getByRole('navigation', { name: msg('breadcrumb_label') })
          .getByRole('link')
          .last(),
      ],
    ];
    const small: string[] = [];
    for (const [name, l] of targets) {
      const box = await boxOf(l);
      if (box.height < TAP || box.width < TAP) small.push(`${name}: ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    expect(small, small.join(', ')).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);

    const desktop = await staffPage('en', DESKTOP);
    await open(desktop, `/t/${thread.id}`);
    expect((await boxOf(desktop.locator('button.like').first())).height).toBeLessThan(TAP);
  });

  it('a toast does not cover the reply button, on a phone or a desktop', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const fan = await b.fresh({ viewport });
      await apiLogin(fan.context, demo.fan3);
      const help = (await categories()).find((c) => c.slug === 'help')!;
      const created = await fan.context.request.post('/api/threads', {
        data: {
          categoryId: help.id,
          title: `Toast over buttons ${Date.now().toString(36)}`,
          body: 'Where do toasts go?',
          kind: 'question',
        },
        headers: { origin: baseURL() },
      });
      const threadId = (await created.json()).thread.id as number;
      await open(fan.page, `/t/${threadId}`);
      const button = fan.page.getByRole('button', { name: msg('reply_submit') });
      // The reply button at the bottom of the screen, where toasts used to be.
      await button.evaluate((el) => el.scrollIntoView({ block: 'end', behavior: 'instant' }));

      const staff = await b.fresh();
      await apiLogin(staff.context, demo.staff);
      const answered = await staff.context.request.post(`/api/threads/${threadId}/posts`, {
        data: { body: 'Toasts stay out of the way.' },
        headers: { origin: baseURL() },
      });
      expect(answered.status()).toBe(201);
      const toast = fan.page.locator('.toast').first();
      await toast.waitFor({ timeout: 15_000 });
      await button.evaluate((el) => el.scrollIntoView({ block: 'end', behavior: 'instant' }));
      const [t, r] = [await boxOf(toast), await boxOf(button)];
      expect(overlap(t, r), `${viewport.width}px: toast ${JSON.stringify(t)} over the reply button ${JSON.stringify(r)}`).toBe(false);
      await screenshot(fan.page, `rough-toast-${viewport.width}`);
    }
  });

  it('the header search placeholder is not cut off on /admin, in three languages, at 390 and 1280 px', async () => {
    const cut: string[] = [];
    for (const locale of LOCALES) {
      const page = await staffPage(locale, PHONE, demo.admin);
      for (const viewport of [PHONE, DESKTOP]) {
        await page.setViewportSize(viewport);
        await open(page, '/admin');
        const fit = await page.locator('#site-search').evaluate((el) => {
          const input = el as unknown as { placeholder: string; clientWidth: number };
          const style = getComputedStyle(input);
          const ctx = document.createElement('canvas').getContext('2d')!;
          ctx.font = style.font;
          const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          return { text: input.placeholder, needs: ctx.measureText(input.placeholder).width, room };
        });
        if (fit.needs > fit.room)
          cut.push(`${locale} ${viewport.width}px: "${fit.text}" needs ${Math.ceil(fit.needs)}px, has ${fit.room}px`);
      }
      await page.context().close();
    }
    expect(cut, cut.join('\n')).toEqual([]);
  });
});
