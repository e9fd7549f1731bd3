import { describe, expect, it } from 'vitest';
import { apiLogin, baseURL, demo, horizontalOverflow, open, PHONE, seriousViolations, uniqueEmail, useBrowser } from './browser.ts';
import { msg } from './messages.ts';

// A person chooses what they hear about, on a phone, before JavaScript as
// after: the e-mail mode and kinds are saved and shown again; an executive is
// offered the daily digest by e-mail, a fan is not. A stale unsubscribe link
// says so.

describe('notification settings', () => {
  const b = useBrowser();

  it('a fan saves e-mail settings with the form alone (no JavaScript), on a phone, axe clean', async () => {
    const { context, page } = await b.fresh({ viewport: PHONE, isMobile: true, hasTouch: true, javaScriptEnabled: false });
    // A new fan (the demo fans read in their own languages).
    const reg = await context.request.post('/api/auth/register', {
      data: { email: uniqueEmail(), password: 'settings password 1', name: 'Settings Fan' },
      headers: { origin: baseURL() },
    });
    expect(reg.status()).toBe(201);
    await open(page, '/settings/notifications');
    await page.getByRole('heading', { level: 1, name: msg('settings_title') }).waitFor();
    expect(await page.getByLabel(msg('settings_digest_email')).count()).toBe(0);
    await page.getByLabel(msg('settings_mode_daily')).check();
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: msg('settings_save') }).click()]);
    await page.getByText(msg('settings_saved')).waitFor();
    expect(await page.getByLabel(msg('settings_mode_daily')).isChecked()).toBe(true);
    const saved = await context.request.get('/api/me/notification-settings');
    expect((await saved.json()).settings.emailMode).toBe('daily');
    // axe and the overflow measure are scripts, which never return from a page without JavaScript:
    // the same person's same page, in a context that runs them.
    const seen = await b.fresh({ viewport: PHONE, isMobile: true, hasTouch: true, storageState: await context.storageState() });
    await open(seen.page, '/settings/notifications');
    expect(await seen.page.getByLabel(msg('settings_mode_daily')).isChecked()).toBe(true);
    expect(await horizontalOverflow(seen.page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(seen.page)).toEqual([]);
  });

  it('an executive is offered the digest by e-mail; a stale unsubscribe link says so', async () => {
    const { context, page } = await b.fresh({ viewport: PHONE, isMobile: true, hasTouch: true });
    await apiLogin(context, demo.exec);
    await open(page, '/settings/notifications');
    expect(await page.getByLabel(msg('settings_digest_email')).isChecked()).toBe(true);
    await open(page, '/unsubscribe?token=not-a-token-anyone-holds&list=digest');
    await page.getByText(msg('unsubscribe_failed')).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
