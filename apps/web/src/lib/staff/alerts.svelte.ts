import type { z } from 'zod';
import type * as C from '@kakera/contracts';
import type { announcer as Announcer } from '$lib/announcer.svelte';
import type { LiveClient } from '$lib/live.svelte';
import { m } from '$lib/paraglide/messages.js';

/**
 * Staff only, on every page: a toast, read out through the polite live
 * region, when an obligation warns (two thirds of the target) or breaches,
 * linking to the thread; and the header's breached count kept current.
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
  /** The header's live count of breached obligations. */
  count: { breached: number | null };
}

type QueueResponse = z.infer<typeof C.QueueResponse>;
type ThreadDetail = z.infer<typeof C.ThreadDetailResponse>;

async function getJson<T>(path: string): Promise<T | null> {
  try {
    const res = await fetch(path, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    return res.ok ? ((await res.json()) as T) : null;
  } catch {
    return null;
  }
}

/** The thread's title (for the toast's words and link), or null. */
async function threadOf(id: number): Promise<{ id: number; title: string } | null> {
  const detail = await getJson<ThreadDetail>(`/api/threads/${id}?limit=1`);
  return detail ? { id: detail.thread.id, title: detail.thread.title } : null;
}

export function startStaffAlerts({ live, announcer, threadPath, count }: StaffAlertDeps): () => void {
  let pending: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  // Several events often arrive together (one sweep): ask for the count once.
  const refreshCount = () => {
    if (pending) return;
    pending = setTimeout(async () => {
      pending = null;
      const queue = await getJson<QueueResponse>('/api/sla/queue?limit=1');
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
      const { threadId } = ev.data as C.EventPayload<'obligation.warned'>;
      void alert(threadId, ev.type === 'obligation.breached');
    }
    if (ev.type === 'obligation.breached' || ev.type === 'obligation.met' || ev.type === 'obligation.closed') refreshCount();
  });

  return () => {
    stopped = true;
    if (pending) clearTimeout(pending);
    stop();
  };
}
