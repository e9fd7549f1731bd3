import { expect, vi } from 'vitest';
import type { PublishedEvent } from '@kakera/core';
import type { TestApp, TestUser } from './helpers.ts';

/** Registers the ADMIN_EMAILS address, which makes an admin. */
export async function createAdmin(t: TestApp): Promise<TestUser> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: { email: 'admin@test.dev', password: 'admin password', name: 'Admin' },
  });
  expect(res.statusCode).toBe(201);
  return { id: res.json().user.id, cookie: `kakera_session=${res.cookies[0]!.value}`, email: 'admin@test.dev', name: 'Admin' };
}

/**
 * Every event this instance's bus delivers on the staff queue, for counting
 * warnings and breaches. (Some also go to the thread's own topic for its
 * readers; "exactly once" is per topic.)
 */
export function recordEvents(t: TestApp, topic = 'staff-queue') {
  const seen: PublishedEvent[] = [];
  const stop = t.app.deps.events.subscribe((e) => {
    if (e.topic === topic) seen.push(e);
  });
  const of = (type: string, obligationId?: number) =>
    seen.filter(
      (e) => e.type === type && (obligationId === undefined || (e.data as { obligationId?: number }).obligationId === obligationId),
    );
  return {
    seen,
    of,
    stop,
    /** Waits (real time, briefly) until the count of an event type reaches `n`, then checks it is exactly `n`. */
    async expectCount(type: string, n: number, obligationId?: number) {
      await vi.waitFor(() => expect(of(type, obligationId).length).toBeGreaterThanOrEqual(n), { timeout: 5000, interval: 10 });
      // give a stray duplicate a moment to show up
      await new Promise((r) => setTimeout(r, 30));
      expect(of(type, obligationId)).toHaveLength(n);
    },
  };
}

export async function getJson(t: TestApp, url: string, user?: TestUser) {
  const res = await t.app.inject({ method: 'GET', url, headers: user ? { cookie: user.cookie } : {} });
  return { status: res.statusCode, body: res.json() };
}

export async function send(t: TestApp, method: 'POST' | 'DELETE' | 'PATCH', url: string, user?: TestUser, payload?: unknown) {
  const res = await t.app.inject({
    method,
    url,
    headers: user ? { cookie: user.cookie } : {},
    ...(payload !== undefined && { payload: payload as object }),
  });
  return { status: res.statusCode, body: res.body ? res.json() : null };
}

export async function threadObligation(t: TestApp, threadId: number, user?: TestUser) {
  const { body } = await getJson(t, `/api/threads/${threadId}`, user);
  return body.thread.obligation as {
    id: number;
    state: string;
    openedAt: string;
    dueAt: string;
    respondedAt: string | null;
    targetSeconds: number;
  } | null;
}
