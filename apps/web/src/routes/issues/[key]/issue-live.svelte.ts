import { invalidate } from '$app/navigation';
import type { IssueDetail } from '$lib/types';
import { announcer } from '$lib/announcer.svelte';
import { issueStatusLabel } from '$lib/i18n/labels';
import { isEvent, live } from '$lib/live.svelte';
import { m } from '$lib/paraglide/messages.js';

/**
 * The issue as the server rendered it, kept live from `issue:<KEY>`: the vote
 * count follows `vote.changed` at once; any other change (`issue.changed`,
 * and for staff `issue.noted`) loads the page's data again — unless the
 * reader is editing the issue (`editing()`), whose typing a reload would
 * undo: then `stale` says so and the page offers to reload.
 */
export function liveIssue(getData: () => Pick<IssueDetail, 'issue'>, editing: () => boolean) {
  let voteCount = $derived(getData().issue.voteCount);
  let stale = $state(false);
  $effect.pre(() => {
    void getData().issue;
    stale = false;
  });

  $effect(() => {
    const key = getData().issue.key;
    let reload: ReturnType<typeof setTimeout> | null = null;
    const stop = live.subscribe(`issue:${key}`, (ev) => {
      if (isEvent(ev, 'vote.changed')) {
        if (ev.data.key === key) voteCount = ev.data.voteCount;
        return;
      }
      if (!isEvent(ev, 'issue.changed') && !isEvent(ev, 'issue.noted')) return;
      if (isEvent(ev, 'issue.changed') && ev.data.key === key) {
        voteCount = ev.data.voteCount;
        if (ev.data.status !== getData().issue.status)
          announcer.announce(m.live_issue_status({ key, status: issueStatusLabel(ev.data.status) }));
      }
      if (editing()) {
        stale = true;
        return;
      }
      // Once for a burst (a merge sends several).
      reload ??= setTimeout(() => {
        reload = null;
        void invalidate('app:issue');
      }, 100);
    });
    return () => {
      if (reload) clearTimeout(reload);
      stop();
    };
  });

  return {
    get voteCount() {
      return voteCount;
    },
    get stale() {
      return stale;
    },
  };
}
