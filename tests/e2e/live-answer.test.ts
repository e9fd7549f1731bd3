import { describe, expect, it } from 'vitest';
import { apiGet, apiLogin, baseURL, categories, demo, errorsOf, open, useBrowser } from './browser.ts';
import { msg } from './messages.ts';

// A fan waits on their thread; a staff answer appears on the open page
// without a reload, and the fan says it solved the problem.

describe('a fan watching their thread', () => {
  const b = useBrowser();

  it('sees the staff answer arrive live and marks the problem solved', async () => {
    const fan = await b.fresh();
    await apiLogin(fan.context, demo.fan3); // an account without a language of its own: the page is in English
    const help = (await categories()).find((c) => c.slug === 'help')!;
    const created = await fan.context.request.post('/api/threads', {
      data: { categoryId: help.id, title: `Sync stuck at 99% ${Date.now().toString(36)}`, body: 'Sync never finishes.', kind: 'question' },
      headers: { origin: baseURL() },
    });
    const threadId = (await created.json()).thread.id as number;
    await open(fan.page, `/t/${threadId}`);
    expect(await fan.page.locator('article').count()).toBe(1);

    const staff = await b.fresh();
    await apiLogin(staff.context, demo.staff);
    const answered = await staff.context.request.post(`/api/threads/${threadId}/posts`, {
      data: { body: 'Pull down to refresh once; a fix for the stuck sync ships in 3.2.1.' },
      headers: { origin: baseURL() },
    });
    expect(answered.status()).toBe(201);

    // No reload: the answer shows up on the fan's page.
    await fan.page.locator('article', { hasText: 'a fix for the stuck sync ships' }).waitFor({ timeout: 15_000 });
    await fan.page.getByText(msg('resolution_question')).waitFor();
    await fan.page.getByRole('button', { name: msg('resolution_yes') }).click();
    await fan.page.getByText(msg('resolution_answered_yes')).waitFor();
    const after = await apiGet<{ thread: { solved: boolean; resolution: string } }>(`/api/threads/${threadId}`);
    expect(after.thread).toMatchObject({ solved: true, resolution: 'yes' });
    expect(errorsOf(fan.page)).toEqual([]);
  });
});
