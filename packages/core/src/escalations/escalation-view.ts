import type { Escalation } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import { findThreadTitles } from '../forum/thread-authors.ts';
import { findIssueRefs } from '../tracker/issue-reads.ts';
import { findUserRefs } from '../users/find-user-refs.ts';
import type { EscalationRow } from './escalations.repo.ts';

export async function toEscalations(db: DbOrTx, rows: EscalationRow[]): Promise<Escalation[]> {
  const [people, titles, issues] = await Promise.all([
    findUserRefs(
      db,
      rows.flatMap((r) => [r.fromUserId, r.toUserId, r.acknowledgedBy]),
    ),
    findThreadTitles(
      db,
      rows.flatMap((r) => (r.threadId ? [r.threadId] : [])),
    ),
    findIssueRefs(
      db,
      rows.flatMap((r) => (r.issueId ? [r.issueId] : [])),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    thread: r.threadId ? { id: r.threadId, title: titles.get(r.threadId) ?? '' } : null,
    issue: r.issueId ? (issues.get(r.issueId) ?? null) : null,
    from: people.get(r.fromUserId)!,
    to: people.get(r.toUserId)!,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: (r.acknowledgedBy !== null ? people.get(r.acknowledgedBy) : null) ?? null,
  }));
}
