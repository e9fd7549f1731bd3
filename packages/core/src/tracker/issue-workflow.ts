import { CLOSED_STATUSES, OPEN_STATUSES, type IssueStatus } from '@kakera/contracts';

// The status workflow (product.md): new → triaged → planned → in_progress →
// fixed → released, and the closed states wont_fix, duplicate,
// cannot_reproduce. Pure rules; update-issue.ts and merge-issues.ts ask them.

const order = (s: IssueStatus) => (OPEN_STATUSES as readonly string[]).indexOf(s);
export const isClosed = (s: IssueStatus): boolean => (CLOSED_STATUSES as readonly string[]).includes(s);
export const isOpen = (s: IssueStatus): boolean => !isClosed(s);

/**
 * Whether `from → to` is a move of the workflow, and if not why (409):
 * - forward along it, skipping steps if need be (a triaged bug may be fixed at once);
 * - back by one step (planned → triaged, when a plan is dropped);
 * - from any open state to `wont_fix` or `cannot_reproduce`;
 * - a closed issue reopens to `triaged`;
 * - `duplicate` only by merging into another issue; never out of it except by reopening.
 */
export function checkMove(
  from: IssueStatus,
  to: IssueStatus,
  opts: { merging?: boolean } = {},
): { ok: true } | { ok: false; reason: string } {
  if (from === to) return { ok: true };
  if (to === 'duplicate') {
    return opts.merging ? { ok: true } : { ok: false, reason: 'An issue becomes a duplicate by merging it into another one' };
  }
  if (isClosed(from)) {
    return to === 'triaged' ? { ok: true } : { ok: false, reason: `A closed issue (${from}) reopens to triaged first` };
  }
  if (isClosed(to)) return { ok: true };
  const step = order(to) - order(from);
  if (step > 0 || step === -1) return { ok: true };
  return { ok: false, reason: `From ${from} an issue can move back only to ${OPEN_STATUSES[order(from) - 1]}` };
}

/** The first time an issue reaches one of these, its source thread's author is rewarded (product.md, "Adopted ideas"). */
export function isAdoptedState(s: IssueStatus): boolean {
  return order(s) >= order('planned');
}

/** A bug in one of these has been confirmed by the team (its reporter is rewarded). */
export function isConfirmedState(s: IssueStatus): boolean {
  return order(s) >= order('triaged');
}

/** Needs an engineer's attention (the triage queue): new, or an open bug without severity, or open without assignee. */
export function needsTriage(i: { status: IssueStatus; type: string; severity: string | null; assigneeId: number | null }): boolean {
  if (isClosed(i.status)) return false;
  return i.status === 'new' || (i.type === 'bug' && i.severity === null) || i.assigneeId === null;
}
