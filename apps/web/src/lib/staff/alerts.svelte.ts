import type { EventPayload } from '@kakera/contracts';
import type { announcer as Announcer } from '$lib/announcer.svelte';
import { BROWSER_BASE_URL, browserFetch, createApiClient, type ApiClient } from '$lib/api/client';
import type { LiveClient } from '$lib/live.svelte';
import { m } from '$lib/paraglide/messages.js';

/**
 * Staff only, on every page: a toast, read out through the polite live
 * region, when an obligation warns (two thirds of the target) or breaches,
 * linking to the thread; and the header's counts (breached obligations,
 * escalations waiting) kept current.
 *
 * Loaded with a dynamic import() from the root layout only when the reader is
 * staff, so fans and guests never download it. The layout hands in the pieces
 * every page already has (the live connection, the announcer, …) instead of
 * this module importing them: a module shared with a lazy chunk is split into
 * a chunk of its own, and those small extra files would cost everyone bytes.
 */

export interface StaffAlertDeps {
  live: Pick<LiveClient, 'subscribe'>;
  announcer: Pick<typeof Announcer, 'announce'>;
  /** Where a thread lives (threadPath in $lib/format). */
  threadPath: (t: { id: number; title: string }) => string;
  /** The header's live counts: breached obligations, escalations waiting for the reader. */
  count: { breached: number | null; escalations?: number | null };
}

/** The answer, or null when there is none (a toast and a count are worth no error). */
const orNull = <T>(answer: Promise<T>): Promise<T | null> => answer.catch(() => null);

export function startStaffAlerts({ live, announcer, threadPath, count }: StaffAlertDeps): () => void {
  let pending: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  // The same typed client as the server's pages, sending the reader's own cookies to this site's API.
  const api: ApiClient = createApiClient({ baseUrl: BROWSER_BASE_URL, fetch: browserFetch });

  /** The thread's title (for the toast's words and link), or null. */
  const threadOf = async (id: number): Promise<{ id: number; title: string } | null> => {
    const detail = await orNull(api.get('/api/threads/{id}', { params: { path: { id }, query: { limit: 1 } } }));
    return detail ? { id: detail.thread.id, title: detail.thread.title } : null;
  };

  // Several events often arrive together (one sweep): ask for the count once.
  const refreshCount = () => {
    if (pending) return;
    pending = setTimeout(async () => {
      pending = null;
      const queue = await orNull(api.get('/api/sla/queue', { params: { query: { limit: 1 } } }));
      if (queue && !stopped) count.breached = queue.counts.breached;
    }, 300);
  };

  const alert = async (threadId: number, breached: boolean) => {
    const thread = await threadOf(threadId);
    if (stopped) return;
    const title = thread?.title ?? `#${threadId}`;
    const text = breached ? m.sla_live_breached({ title }) : m.sla_live_warned({ title });
    announcer.announce(text, { toast: true, href: thread ? threadPath(thread) : `/t/${threadId}` });
  };

  const stop = live.subscribe('staff-queue', (ev) => {
    if (ev.type === 'obligation.warned' || ev.type === 'obligation.breached') {
      const { threadId } = ev.data as EventPayload<'obligation.warned'>;
      void alert(threadId, ev.type === 'obligation.breached');
    }
    if (ev.type === 'obligation.breached' || ev.type === 'obligation.met' || ev.type === 'obligation.closed') refreshCount();
  });

  // An escalation to the reader arrived or was acknowledged: the event carries the inbox's count.
  const stopInbox = live.subscribe('notifications', (ev) => {
    if (ev.type === 'escalation.changed') count.escalations = (ev.data as EventPayload<'escalation.changed'>).openCount;
  });

  return () => {
    stopped = true;
    if (pending) clearTimeout(pending);
    stop();
    stopInbox();
  };
}
