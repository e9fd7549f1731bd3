import { invalidate } from '$app/navigation';
import { isEvent, live } from '$lib/live.svelte';
import type { QueueRow } from '$lib/types';
import { queueView, turn, type Turned } from './queue-view';

type Row = Pick<QueueRow, 'id' | 'state'>;

/**
 * Keeps the queue live from the `staff-queue` topic, without polling:
 * rows that are met, closed or cancelled leave at once; a warning or a
 * breach turns its row's state at once (the sweeper decides when, the page
 * never works it out from the clock); any change (a new obligation, a claim,
 * a warning, a breach) reloads the page's data once. The warning and breach
 * toasts are site-wide (src/lib/staff/alerts).
 */
export function liveQueue<T extends Row>(getRows: () => T[]) {
  let gone = $state<number[]>([]);
  let turned = $state<Turned>({});

  $effect(() => {
    let pending: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      // Several events often arrive together (a sweep): reload once.
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        void invalidate('app:sla-queue').then(() => {
          gone = [];
          turned = {};
        });
      }, 150);
    };
    const stop = live.subscribe('staff-queue', (ev) => {
      if (isEvent(ev, 'obligation.met') || isEvent(ev, 'obligation.closed')) {
        gone = [...gone, ev.data.obligationId];
        refresh();
      } else if (isEvent(ev, 'obligation.warned') || isEvent(ev, 'obligation.breached')) {
        // Toasted site-wide (src/lib/staff/alerts.svelte.ts); here they turn the row and move the counts.
        turned = turn(turned, ev.data.obligationId, ev.type === 'obligation.breached' ? 'breached' : 'warned');
        refresh();
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
    get rows(): T[] {
      return queueView(getRows(), gone, turned);
    },
  };
}
