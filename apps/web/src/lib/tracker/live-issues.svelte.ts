import type { IssueSummary } from '$lib/types';
import { isEvent, live } from '$lib/live.svelte';

/**
 * A list of issues as the server rendered it (triage, the roadmap), kept
 * live from the `issues` topic: vote counts follow `vote.changed`, and an
 * issue's status and count follow `issue.changed`, in place. Which issues
 * belong to the list is the server's to say (its filters and order): a
 * moved issue is not moved here, `onMoved` is told so the page may reload.
 */
export function liveIssueList(getIssues: () => IssueSummary[], onMoved?: (key: string) => void) {
  let issues = $derived(getIssues());

  $effect(() =>
    live.subscribe('issues', (ev) => {
      if (isEvent(ev, 'vote.changed')) {
        const { key, voteCount } = ev.data;
        if (issues.some((i) => i.key === key)) issues = issues.map((i) => (i.key === key ? { ...i, voteCount } : i));
      } else if (isEvent(ev, 'issue.changed')) {
        const { key, status, voteCount } = ev.data;
        const shown = issues.find((i) => i.key === key);
        if (!shown) return;
        if (shown.status !== status) onMoved?.(key);
        issues = issues.map((i) => (i.key === key ? { ...i, status, voteCount } : i));
      }
    }),
  );

  return {
    get issues() {
      return issues;
    },
  };
}
