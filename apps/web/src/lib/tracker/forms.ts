import type { SubmitFunction } from '@sveltejs/kit';
import { goto, invalidateAll } from '$app/navigation';
import { announcer } from '$lib/announcer.svelte';

/**
 * `use:enhance` for the tracker's forms (staff tools, triage, votes …): the
 * action redirects (so that it works without JavaScript); with JavaScript the
 * page refreshes in place — or opens where the action sent it — and says
 * what was done through the polite live region. A failure stays on the page
 * with its errors, and what was typed is kept.
 */
export function announceDone(text: () => string, opts: { toast?: boolean; after?: () => void } = {}): SubmitFunction {
  return () =>
    async ({ result, update }) => {
      if (result.type === 'redirect') {
        const to = new URL(result.location, location.href);
        if (to.pathname === location.pathname && to.search === location.search) await invalidateAll();
        // eslint-disable-next-line svelte/no-navigation-without-resolve -- the action's redirect is already a resolved path of this site
        else await goto(to, { invalidateAll: true });
        opts.after?.();
        announcer.announce(text(), { toast: opts.toast ?? false });
      } else {
        await update({ reset: false });
      }
    };
}

/**
 * A form action of the page shown (`?/name`), keeping the page's own query
 * (its filters, the thread being promoted): `?/vote` alone would drop it.
 */
export function actionHere(name: string, url: URL): string {
  const params = [...url.searchParams].filter(([k]) => !k.startsWith('/'));
  const rest = new URLSearchParams(params).toString();
  return `?/${name}${rest ? `&${rest}` : ''}`;
}
