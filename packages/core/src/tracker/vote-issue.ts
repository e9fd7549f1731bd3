import { requireActiveUser, type Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { getIssueRow } from './get-issue.ts';
import { isClosed } from './issue-workflow.ts';
import { addToVoteCount, deleteVote, findIssueById, findLinkedThreadIds, insertVote } from './issues.repo.ts';

/**
 * A vote, or its withdrawal: one per person (the primary key of
 * issue_votes decides, not a read-then-write), idempotent both ways, the
 * kept count moved in the same transaction only when a vote was really
 * added or removed — so the count is exact under any concurrency. Everyone
 * looking (the issue, lists, linked threads) sees the new count live.
 */
export async function setVote(deps: Deps, actor: Actor, key: string, vote: boolean): Promise<{ voteCount: number; voted: boolean }> {
  const user = requireActiveUser(actor);
  const issue = await getIssueRow(deps, key);
  if (vote && issue.status === 'duplicate') {
    const target = issue.duplicateOfId ? await findIssueById(deps.db, issue.duplicateOfId) : undefined;
    throw new AppError('conflict', `${issue.key} is a duplicate: vote for ${target?.key ?? 'the issue it was merged into'}`, {
      issueKey: target?.key,
    });
  }
  if (vote && isClosed(issue.status)) throw new AppError('conflict', `${issue.key} is closed (${issue.status})`);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const changed = vote ? await insertVote(tx, issue.id, user.id, now) : await deleteVote(tx, issue.id, user.id);
    // Nothing changed (a second vote, a withdrawal of none): read the count without locking the issue.
    if (!changed) return { voteCount: (await findIssueById(tx, issue.id))?.voteCount ?? 0, voted: vote };
    const threadIds = (await findLinkedThreadIds(tx, [issue.id])).get(issue.id) ?? [];
    // The issue's row is every voter's: its lock is held until commit, so it
    // is taken last, followed only by the events (one statement) — not before
    // the other statements, which made each voter wait for the one before it
    // to finish all of them (docs/performance.md, "The write paths").
    const voteCount = await addToVoteCount(tx, issue.id, vote ? 1 : -1);
    const topics = [`issue:${issue.key}`, 'issues', ...threadIds.map((id) => `thread:${id}`)];
    await deps.events.record(tx, 'vote.changed', topics, { key: issue.key, voteCount });
    return { voteCount, voted: vote };
  });
}
