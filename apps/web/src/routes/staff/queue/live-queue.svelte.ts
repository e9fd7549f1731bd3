import { invalidate } from '$app/navigation';
import { announcer } from '$lib/announcer.svelte';
import { isEvent, live } from '$lib/live.svelte';
import { m } from '$lib/paraglide/messages.js';

interface Row {
  id: number;
  thread: { id: number; title: string };
}

/**
 * Keeps the queue live from the `staff-queue` topic, without polling:
 * rows that are met, closed or cancelled leave at once; any change
 * (a new obligation, a claim) reloads the page's data once; warnings and
 * breaches raise a toast. Countdown colours change by the clock (Countdown).
 */
export function liveQueue<T extends Row>(getRows: () => T[]) {
  let gone = $state<number[]>([]);

  $effect(() => {
    let pending: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      // Several events often arrive together (a sweep): reload once.
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        void invalidate('app:sla-queue').then(() => (gone = []));
      }, 150);
    };
    const stop = live.subscribe('staff-queue', (ev) => {
      const title = (id: number) => getRows().find((r) => r.id === id)?.thread.title ?? `#${id}`;
      if (isEvent(ev, 'obligation.met') || isEvent(ev, 'obligation.closed')) {
        gone = [...gone, ev.data.obligationId];
        refresh();
      } else if (isEvent(ev, 'obligation.warned')) {
        announcer.announce(m.sla_live_warned({ title: title(ev.data.obligationId) }), { toast: true });
      } else if (isEvent(ev, 'obligation.breached')) {
        announcer.announce(m.sla_live_breached({ title: title(ev.data.obligationId) }), { toast: true });
      } else if (isEvent(ev, 'obligation.opened') || isEvent(ev, 'obligation.claimed')) {
        refresh();
      }
    });
    return () => {
      if (pending) clearTimeout(pending);
      stop();
    };
  });

  return {
    get rows() {
      return getRows().filter((r) => !gone.includes(r.id));
    },
  };
}
