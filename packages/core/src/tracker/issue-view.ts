import type { Issue, IssueStatus, IssueSummary, IssueType, Priority, Severity, UserRef } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import type { Actor } from '../shared/actor.ts';
import { findUserRefs } from '../users/find-user-refs.ts';
import { issueCan } from './issue-policy.ts';
import { findIssueById, findLinkedThreadIds, findRecentVotes, findVotedBy, type IssueRow } from './issues.repo.ts';

/** Issues as `viewer` sees them in lists: with votes of the last 24 h, whether the viewer voted, linked threads, names. */
export async function toIssueSummaries(db: DbOrTx, rows: IssueRow[], viewer: Actor, now: Date): Promise<IssueSummary[]> {
  const ids = rows.map((r) => r.id);
  const viewerId = viewer.kind === 'user' ? viewer.id : 0;
  const [links, recent, voted, people, duplicates] = await Promise.all([
    findLinkedThreadIds(db, ids),
    findRecentVotes(db, ids, new Date(now.getTime() - 24 * 3600 * 1000)),
    findVotedBy(db, ids, viewerId),
    findUserRefs(
      db,
      rows.flatMap((r) => [r.assigneeId, r.reporterId]),
    ),
    Promise.all(rows.map((r) => (r.duplicateOfId ? findIssueById(db, r.duplicateOfId) : undefined))),
  ]);
  return rows.map((r, i) => ({
    key: r.key,
    title: r.title,
    type: r.type as IssueType,
    status: r.status as IssueStatus,
    severity: r.severity as Severity | null,
    priority: r.priority as Priority | null,
    component: r.component,
    assignee: (r.assigneeId !== null ? people.get(r.assigneeId) : null) ?? null,
    labels: r.labels,
    affectedVersion: r.affectedVersion,
    fixedInVersion: r.fixedInVersion,
    voteCount: r.voteCount,
    recentVotes: recent.get(r.id) ?? 0,
    votedByMe: voted.has(r.id),
    linkedThreadIds: links.get(r.id) ?? [],
    duplicateOf: duplicates[i]?.key ?? null,
    reporter: ((r.reporterId !== null ? people.get(r.reporterId) : null) ?? null) as UserRef | null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export async function toIssue(db: DbOrTx, row: IssueRow, viewer: Actor, now: Date): Promise<Issue> {
  const [summary] = await toIssueSummaries(db, [row], viewer, now);
  return { ...summary!, description: row.description, descriptionHtml: row.descriptionHtml, can: issueCan(viewer) };
}
