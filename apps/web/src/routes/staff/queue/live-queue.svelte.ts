import { invalidate } from '$app/navigation';
import { isEvent, live } from '$lib/live.svelte';

interface Row {
  id: number;
  thread: { id: number; title: string };
}

/**
 * Keeps the queue live from the `staff-queue` topic, without polling:
 * rows that are met, closed or cancelled leave at once; any change
 * (a new obligation, a claim, a warning, a breach) reloads the page's data
 * once. The warning and breach toasts are site-wide (src/lib/staff/alerts).
 * Countdown colours change by the clock (Countdown).
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
      if (isEvent(ev, 'obligation.met') || isEvent(ev, 'obligation.closed')) {
        gone = [...gone, ev.data.obligationId];
        refresh();
      } else if (
        isEvent(ev, 'obligation.opened') ||
        isEvent(ev, 'obligation.claimed') ||
        isEvent(ev, 'obligation.warned') ||
        isEvent(ev, 'obligation.breached')
      ) {
        // Warnings and breaches are toasted site-wide (src/lib/staff/alerts.svelte.ts);
        // here they only move the row and the counts.
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
