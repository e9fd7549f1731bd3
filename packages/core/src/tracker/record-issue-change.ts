import type { DbOrTx } from '@kakera/db';
import type { Deps } from '../shared/deps.ts';
import { findLinkedThreadIds, type IssueRow } from './issues.repo.ts';

/**
 * Tells everyone looking that an issue changed: its page (`issue:<key>`),
 * every list (`issues`), and the badge in each linked thread.
 */
export async function recordIssueChanged(
  tx: DbOrTx,
  deps: Pick<Deps, 'events'>,
  issue: IssueRow,
  extraThreadIds: number[] = [],
): Promise<void> {
  const data = { key: issue.key, status: issue.status, voteCount: issue.voteCount };
  await deps.events.record(tx, 'issue.changed', `issue:${issue.key}`, { ...data, threadId: null });
  await deps.events.record(tx, 'issue.changed', 'issues', { ...data, threadId: null });
  const threadIds = new Set([...((await findLinkedThreadIds(tx, [issue.id])).get(issue.id) ?? []), ...extraThreadIds]);
  for (const threadId of threadIds) await deps.events.record(tx, 'issue.changed', `thread:${threadId}`, { ...data, threadId });
}
