import { describe, expect, it } from 'vitest';
import {
  apiLogin,
  demo,
  DESKTOP,
  errorsOf,
  horizontalOverflow,
  open,
  PHONE,
  screenshot,
  seriousViolations,
  useBrowser,
} from './browser.ts';
import { msg } from './messages.ts';

// An executive reads the daily digest on a phone (390×844): the headline
// figures first, the 14-day charts drawn, links to threads and issues,
// nothing wider than the screen, axe-core clean. The demo's two weeks of
// history give the first start a digest to read (the job makes yesterday's
// and fills in the days before). Fans are refused; guests are sent to sign in.

describe('the executive daily digest', () => {
  const b = useBrowser();

  it('an executive reads it on a phone: figures first, charts visible, no horizontal scrolling, axe clean', async () => {
    const { context, page } = await b.fresh({ viewport: PHONE, isMobile: true, hasTouch: true });
    await apiLogin(context, demo.exec);
    const res = await open(page, '/digest');
    expect(res?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: new RegExp(msg('digest_title')) }).waitFor();

    // Figures first: the first list after the heading holds the ten headline figures.
    const figures = page.locator('ul.figures > li');
    expect(await figures.count()).toBe(10);
    await expect.poll(() => figures.first().isVisible()).toBe(true);
    expect(await figures.first().textContent()).toContain(msg('digest_fig_newThreads'));
    const firstFigureTop = (await figures.first().boundingBox())!.y;
    expect(firstFigureTop).toBeLessThan(PHONE.height);

    // Two small charts, drawn on the server, with text alternatives.
    const charts = page.getByRole('img', { name: new RegExp(msg('digest_chart_compliance')) });
    await charts.first().scrollIntoViewIfNeeded();
    expect(await charts.first().isVisible()).toBe(true);
    expect(await page.locator('figure.trend svg rect').count()).toBeGreaterThanOrEqual(14);
    const box = (await page.locator('figure.trend svg').first().boundingBox())!;
    expect(box.width).toBeGreaterThan(200);
    expect(box.height).toBeGreaterThan(30);

    // Links to threads (the hottest) and to the other days.
    expect(await page.locator('a[href^="/t/"]').count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: msg('digest_archive') }).count()).toBeGreaterThan(0);

    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'digest-phone');
    expect(errorsOf(page)).toEqual([]);
  });

  it('the archive lists the days, each a link to its digest', async () => {
    const { context, page } = await b.fresh({ viewport: PHONE, isMobile: true, hasTouch: true });
    await apiLogin(context, demo.exec);
    await open(page, '/digest/archive');
    await page.getByRole('heading', { level: 1, name: msg('digest_archive_title') }).waitFor();
    const days = page.locator('tbody th a');
    expect(await days.count()).toBeGreaterThan(1);
    await Promise.all([page.waitForURL(/\/digest\/\d{4}-\d{2}-\d{2}$/), days.nth(1).click()]);
    await page.locator('ul.figures > li').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the header offers executives the digest first; fans get 403 and guests are sent to sign in', async () => {
    const exec = await b.fresh({ viewport: DESKTOP });
    await apiLogin(exec.context, demo.exec);
    await open(exec.page, '/');
    const firstLink = exec.page
      .getByRole('navigation', { name: msg('nav_main_label') })
      .getByRole('link')
      .first();
    expect(await firstLink.textContent()).toBe(msg('nav_digest'));

    const fan = await b.fresh();
    await apiLogin(fan.context, demo.fan);
    expect((await open(fan.page, '/digest'))?.status()).toBe(403);
    expect(
      await fan.page
        .getByRole('navigation', { name: msg('nav_main_label') })
        .getByRole('link', { name: msg('nav_digest') })
        .count(),
    ).toBe(0);

    const guest = await b.fresh();
    await open(guest.page, '/digest');
    expect(new URL(guest.page.url()).pathname).toBe('/login');
    expect(new URL(guest.page.url()).searchParams.get('next')).toBe('/digest');
  });
});
