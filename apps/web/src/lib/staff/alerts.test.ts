import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServerEvent } from '@kakera/contracts';
import { startStaffAlerts } from './alerts.svelte';

function setup(responses: Record<string, unknown>) {
  const handlers = new Map<string, (ev: ServerEvent) => void>();
  const topics: string[] = [];
  const unsubscribe = vi.fn();
  const live = {
    subscribe: (topic: string, h: (ev: ServerEvent) => void) => {
      topics.push(topic);
      handlers.set(topic, h);
      return unsubscribe;
    },
  };
  const announce = vi.fn();
  const count = { breached: null as number | null, escalations: null as number | null };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string) => {
      const key = Object.keys(responses).find((k) => path.startsWith(k));
      return key ? new Response(JSON.stringify(responses[key]), { status: 200 }) : new Response('{}', { status: 404 });
    }),
  );
  const stop = startStaffAlerts({
    live,
    announcer: { announce },
    threadPath: (t) => `/t/${t.id}/slug`,
    count,
  });
  const emit = (type: string, data: Record<string, unknown>, topic = 'staff-queue') =>
    handlers.get(topic)!({ type, id: 1, topic, data } as unknown as ServerEvent);
  return { topics, announce, count, emit, stop, unsubscribe };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('staff alerts', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('toasts a warning and a breach politely, linking to the thread by its title', async () => {
    const s = setup({ '/api/threads/7': { thread: { id: 7, title: 'Sync stuck' }, posts: [], nextCursor: null } });
    expect(s.topics).toEqual(['staff-queue', 'notifications']);
    s.emit('obligation.warned', { obligationId: 1, threadId: 7, categoryId: 1, dueAt: '' });
    await tick();
    await tick();
    expect(s.announce).toHaveBeenCalledWith(expect.stringContaining('Sync stuck'), { toast: true, href: '/t/7/slug' });
    s.emit('obligation.breached', { obligationId: 1, threadId: 7, categoryId: 1, dueAt: '' });
    await tick();
    await tick();
    expect(s.announce).toHaveBeenCalledTimes(2);
    expect(s.announce.mock.calls[0]![0]).not.toEqual(s.announce.mock.calls[1]![0]);
    s.stop();
    expect(s.unsubscribe).toHaveBeenCalled();
  });

  it('still toasts, linking by id, when the thread cannot be read', async () => {
    const s = setup({});
    s.emit('obligation.breached', { obligationId: 2, threadId: 9, categoryId: 1, dueAt: '' });
    await tick();
    await tick();
    expect(s.announce).toHaveBeenCalledWith(expect.stringContaining('#9'), { toast: true, href: '/t/9' });
  });

  it('refreshes the breached count once for a burst of events', async () => {
    vi.useFakeTimers();
    const s = setup({
      '/api/sla/queue': { counts: { open: 0, warned: 0, breached: 4 } },
      '/api/threads/': { thread: { id: 1, title: 't' } },
    });
    s.emit('obligation.breached', { obligationId: 1, threadId: 1, categoryId: 1, dueAt: '' });
    s.emit('obligation.met', { obligationId: 2, threadId: 1, categoryId: 1, respondedAt: '', responderId: 1 });
    s.emit('obligation.closed', { obligationId: 3, threadId: 1, categoryId: 1, state: 'cancelled' });
    await vi.runAllTimersAsync();
    const calls = (fetch as unknown as { mock: { calls: [string][] } }).mock.calls.filter(([p]) => p.startsWith('/api/sla/queue'));
    expect(calls).toHaveLength(1);
    expect(s.count.breached).toBe(4);
  });

  it('keeps the inbox count from the escalations that arrive or are acknowledged, without asking the API', async () => {
    const s = setup({});
    s.emit('escalation.changed', { id: 3, openCount: 2 }, 'notifications');
    expect(s.count.escalations).toBe(2);
    s.emit('escalation.changed', { id: 3, openCount: 1 }, 'notifications');
    expect(s.count.escalations).toBe(1);
    s.emit('notification.created', { notification: {}, unreadCount: 1 }, 'notifications');
    expect(s.count.escalations).toBe(1);
    expect(fetch).not.toHaveBeenCalled();
    s.stop();
    expect(s.unsubscribe).toHaveBeenCalledTimes(2);
  });
});
