import type { SubmitFunction } from '@sveltejs/kit';
import { invalidateAll } from '$app/navigation';
import { tick } from 'svelte';
import { announcer } from '$lib/announcer.svelte';

/**
 * `use:enhance` for a queue row's claim, release and close: the data is
 * refreshed in place, keyboard focus stays on the same row (or, when the row
 * left the list, the one that took its place, or the empty-queue notice),
 * never falling to <body>, and the outcome is read out to screen readers.
 */
export function keepRowFocus(id: number, said: () => string): SubmitFunction {
  return ({ formElement }) => {
    const list = formElement.closest('ol');
    const rowsOf = () => [...(list?.querySelectorAll<HTMLElement>('li[data-row]') ?? [])];
    const index = rowsOf().findIndex((r) => r.dataset.id === String(id));
    return async ({ result, update }) => {
      if (result.type === 'redirect') await invalidateAll();
      else await update({ reset: false });
      if (result.type !== 'redirect' && result.type !== 'success') return;
      await tick();
      announcer.announce(said());
      const rows = rowsOf();
      const target =
        rows.find((r) => r.dataset.id === String(id)) ??
        rows[Math.min(Math.max(index, 0), rows.length - 1)] ??
        document.querySelector<HTMLElement>('[data-queue-empty]');
      target?.focus();
    };
  };
}
