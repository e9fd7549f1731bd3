import { describe, expect, it } from 'vitest';
import { useBrowser } from './browser.ts';
import { msg } from './messages.ts';

// On a slow phone the form is on screen before its JavaScript has run. What a
// fast typist enters in that moment must survive hydration.

describe('typing before the page has loaded its JavaScript', () => {
  const b = useBrowser();

  it('keeps what was typed into the login form', async () => {
    const { page } = await b.fresh();
    let releaseScripts: () => void = () => {};
    const scriptsHeld = new Promise<void>((r) => (releaseScripts = r));
    await page.route('**/_app/immutable/**', async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    await page.goto('/login', { waitUntil: 'commit' });
    const email = page.getByLabel(msg('field_email'));
    await email.waitFor();
    await email.fill('early.bird@example.com');
    releaseScripts();
    await page.waitForLoadState('networkidle');
    // Hydration has run by now (network idle after the scripts loaded): the text is still there.
    expect(await email.inputValue()).toBe('early.bird@example.com');
  });
});
