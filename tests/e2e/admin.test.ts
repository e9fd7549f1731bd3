import { describe, expect, it } from 'vitest';
import { categories, errorsOf, login, demo, open, useBrowser } from './browser.ts';
import { msg } from './messages.ts';

// An admin changes a board's staff-response target in /admin.

describe('an admin', () => {
  const b = useBrowser();

  it('changes a category’s response target', async () => {
    const { page } = await b.fresh();
    await login(page, demo.admin);
    await open(page, '/admin');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(msg('admin_title'));

    const before = (await categories()).find((c) => c.slug === 'ideas')!;
    const next = before.slaTargetSeconds === 600 ? 720 : 600;
    const item = page.locator('li', { has: page.locator('summary', { hasText: before.name }) });
    await item.locator('summary').click();
    const field = item.getByLabel(msg('admin_field_sla'));
    await field.fill(String(next));
    await item.getByRole('button', { name: msg('admin_save') }).click();
    await item
      .getByRole('status')
      .filter({ hasText: msg('admin_saved') })
      .waitFor({ timeout: 15_000 });

    const after = (await categories()).find((c) => c.slug === 'ideas')!;
    expect(after.slaTargetSeconds).toBe(next);
    // The board page shows the new target after a reload, and the form keeps it.
    await page.reload();
    const again = page.locator('li', { has: page.locator('summary', { hasText: before.name }) });
    await again.locator('summary').click();
    expect(await again.getByLabel(msg('admin_field_sla')).inputValue()).toBe(String(next));
    expect(errorsOf(page)).toEqual([]);
  });

  it('cannot save a target that is not a positive whole number', async () => {
    const { page } = await b.fresh();
    await login(page, demo.admin);
    await open(page, '/admin');
    const name = (await categories()).find((c) => c.slug === 'help')!.name;
    const item = page.locator('li', { has: page.locator('summary', { hasText: name }) });
    await item.locator('summary').click();
    const field = item.getByLabel(msg('admin_field_sla'));
    await field.fill('0');
    await item.getByRole('button', { name: msg('admin_save') }).click();
    await page.waitForLoadState('networkidle');
    expect(await field.evaluate((el) => (el as unknown as { validity: { valid: boolean } }).validity.valid)).toBe(false);
    expect((await categories()).find((c) => c.slug === 'help')!.slaTargetSeconds).toBe(900);
  });

  it('is the only one who may open /admin', async () => {
    const { page } = await b.fresh();
    const guest = await open(page, '/admin');
    expect([401, 403]).toContain(guest?.status() ?? 0);
    await login(page, demo.fan);
    const fan = await open(page, '/admin');
    expect(fan?.status()).toBe(403);
  });
});
