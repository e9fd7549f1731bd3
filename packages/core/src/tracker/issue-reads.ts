import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { IssueBadge, IssueStatus } from '@kakera/contracts';
import { issueThreads, issueVotes, issues, type DbOrTx } from '@kakera/db';

/** Issues' keys and titles by id (for other modules' views). */
export async function findIssueRefs(db: DbOrTx, ids: number[]): Promise<Map<number, { key: string; title: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: issues.id, key: issues.key, title: issues.title }).from(issues).where(inArray(issues.id, ids));
  return new Map(rows.map((r) => [r.id, { key: r.key, title: r.title }]));
}

export async function findIssueRefByKey(db: DbOrTx, key: string): Promise<{ id: number; key: string; title: string } | undefined> {
  const [row] = await db.select({ id: issues.id, key: issues.key, title: issues.title }).from(issues).where(eq(issues.key, key)).limit(1);
  return row;
}

/**
 * What other modules may know of issues without reading the tracker's tables
 * themselves. The thread's issue badge as one JSON object, with whether `viewerId` voted (0: nobody), for a one-statement thread read. */
export const threadIssueBadgeJsonSql = (threadId: SQL | AnyPgColumn, viewerId: number): SQL<IssueBadgeRow | null> =>
  sql<IssueBadgeRow | null>`(select json_build_object('key', bi.key, 'title', bi.title, 'status', bi.status, 'voteCount', bi.vote_count,
    'votedByMe', exists (select 1 from ${issueVotes} bv where bv.issue_id = bi.id and bv.user_id = ${viewerId}))
    from ${issueThreads} bt join ${issues} bi on bi.id = bt.issue_id where bt.thread_id = ${threadId} limit 1)`;
export type IssueBadgeRow = { key: string; title: string; status: string; voteCount: number; votedByMe: boolean };

/** Whether `userId` voted for the issue `key` (its key and the votes' key: two index probes), for another module's one-statement read. */
export const issueVotedBySql = (key: string, userId: number): SQL<boolean> =>
  sql<boolean>`exists (select 1 from ${issueVotes} vb join ${issues} vi on vi.id = vb.issue_id where vi.key = ${key} and vb.user_id = ${userId})`;

export function toIssueBadge(row: IssueBadgeRow | null, canVote: boolean): IssueBadge | null {
  if (!row) return null;
  const closed = ['wont_fix', 'duplicate', 'cannot_reproduce'].includes(row.status);
  return {
    key: row.key,
    title: row.title,
    status: row.status as IssueStatus,
    voteCount: row.voteCount,
    votedByMe: row.votedByMe,
    canVote: canVote && !closed,
  };
}
