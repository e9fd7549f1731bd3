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
    const voteCount = changed ? await addToVoteCount(tx, issue.id, vote ? 1 : -1) : ((await findIssueById(tx, issue.id))?.voteCount ?? 0);
    if (changed) {
      const data = { key: issue.key, voteCount };
      await deps.events.record(tx, 'vote.changed', `issue:${issue.key}`, data);
      await deps.events.record(tx, 'vote.changed', 'issues', data);
      for (const threadId of (await findLinkedThreadIds(tx, [issue.id])).get(issue.id) ?? []) {
        await deps.events.record(tx, 'vote.changed', `thread:${threadId}`, data);
      }
    }
    return { voteCount, voted: vote };
  });
}
