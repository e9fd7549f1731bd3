import type { Category, ThreadSummary } from '$lib/types';
import { invalidateAll } from '$app/navigation';
import { announcer } from '$lib/announcer.svelte';
import { isEvent, live } from '$lib/live.svelte';
import { m } from '$lib/paraglide/messages.js';

interface BoardData {
  category: Category;
  threads: ThreadSummary[];
  sort: 'latest' | 'newest' | 'top';
  unanswered: boolean;
  paged: boolean;
}

/**
 * The board's thread list, kept live: a `thread.created` on `category:<id>`
 * is put on top (on the first page of the latest/newest order, where a new
 * thread belongs) and announced politely. A thread hidden or shown again
 * reloads the list.
 */
export function liveThreads(getData: () => BoardData) {
  let added = $state<ThreadSummary[]>([]);
  const base = $derived(getData().threads);
  $effect.pre(() => {
    // New server data (navigation, invalidation) replaces what arrived live.
    void base;
    added = [];
  });

  $effect(() => {
    const categoryId = getData().category.id;
    return live.subscribe(`category:${categoryId}`, (ev) => {
      // Hidden or shown again by staff: the server knows who may see it.
      if (isEvent(ev, 'thread.hidden')) return void invalidateAll();
      if (!isEvent(ev, 'thread.created')) return;
      const d = getData();
      const fits = !d.paged && d.sort !== 'top' && (!d.unanswered || ev.data.thread.awaitingStaff);
      const t = ev.data.thread;
      if (!fits || added.some((x) => x.id === t.id) || base.some((x) => x.id === t.id)) return;
      added = [t, ...added];
      announcer.announce(m.live_new_thread({ title: t.title, name: t.author.name }));
    });
  });

  return {
    get threads() {
      return [...added, ...base];
    },
  };
}
