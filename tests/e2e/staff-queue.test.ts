import { describe, expect, it } from 'vitest';
import { apiGet, apiLogin, baseURL, categories, demo, errorsOf, open, useBrowser, waitForExpression } from './browser.ts';
import { msg } from './messages.ts';

// Staff work the response queue: a fan's new thread appears with a running
// countdown; a staff member claims it ("on it"), answers from the thread page,
// and the row leaves the open queue page live, without a reload.

describe('the staff response queue', () => {
  const b = useBrowser();

  it('shows a moving countdown, takes a claim, and drops the row live when staff answer', async () => {
    const fan = await b.fresh();
    await apiLogin(fan.context, demo.fan3);
    const help = (await categories()).find((c) => c.slug === 'help')!;
    const title = `Where are my exported notes? ${Date.now().toString(36)}`;
    const created = await fan.context.request.post('/api/threads', {
      data: { categoryId: help.id, title, body: 'I exported my notes but cannot find the file.', kind: 'question' },
      headers: { origin: baseURL() },
    });
    expect(created.status()).toBe(201);
    const threadId = (await created.json()).thread.id as number;

    const staff = await b.fresh();
    const me = await apiLogin(staff.context, demo.staff2);
    const queue = staff.page;
    await open(queue, '/staff/queue');
    await queue.getByRole('heading', { level: 1, name: msg('sla_queue_title') }).waitFor();
    const row = queue.locator('li', { has: queue.getByRole('link', { name: title }) });
    await row.waitFor();
    // Who is waiting, where, and the first line of what they wrote.
    const fanName = (await fan.context.request.get('/api/me').then((r) => r.json())).user.name as string;
    expect(await row.getByRole('link', { name: fanName, exact: true }).count()).toBe(1);
    expect(await row.getByText(help.name, { exact: true }).count()).toBe(1);
    expect(await row.getByText('I exported my notes but cannot find the file.', { exact: true }).count()).toBe(1);

    // The countdown moves by itself.
    const timer = row.getByRole('timer');
    const first = await timer.textContent();
    expect(first).toMatch(/\d+:\d\d/);
    await waitForExpression(
      queue,
      `[...document.querySelectorAll('[role=timer]')].some(t => t.closest('li')?.textContent.includes(${JSON.stringify(title)}) && t.textContent !== ${JSON.stringify(first)})`,
      10_000,
    );

    // Claim it: the row says who is on it.
    await row.getByRole('button', { name: msg('sla_claim') }).click();
    await row.getByText(msg('sla_claimed_by').replace('{name}', me.name)).waitFor();
    await row.getByRole('button', { name: msg('sla_unclaim') }).waitFor();

    // Answer from the thread page, in another tab of the same staff member.
    const threadPage = await staff.context.newPage();
    await open(threadPage, `/t/${threadId}`);
    await threadPage.getByLabel(msg('reply_label')).fill('Exports go to the Downloads folder; look for kakera-notes.zip.');
    await threadPage.getByRole('button', { name: msg('reply_submit') }).click();
    await threadPage.locator('article', { hasText: 'kakera-notes.zip' }).waitFor();

    // The queue tab drops the row live.
    await row.waitFor({ state: 'detached', timeout: 15_000 });
    const thread = await apiGet<{ thread: { obligation: { state: string; respondedAt: string | null } } }>(`/api/threads/${threadId}`);
    expect(thread.thread.obligation.state).toBe('met');
    expect(errorsOf(queue)).toEqual([]);
  });
});
