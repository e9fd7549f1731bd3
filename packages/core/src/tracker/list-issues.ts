import { and, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import { CLOSED_STATUSES, type IssueListQuery, type IssueSummary } from '@kakera/contracts';
import { issues } from '@kakera/db';
import type { Actor } from '../shared/actor.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import type { Deps } from '../shared/deps.ts';
import { toIssueSummaries } from './issue-view.ts';
import { recentVotesSql } from './issues.repo.ts';

const closed = sql.raw(`(${CLOSED_STATUSES.map((s) => `'${s}'`).join(',')})`);
const SEVERITY_RANK = sql`(case ${issues.severity} when 'S1' then 1 when 'S2' then 2 when 'S3' then 3 when 'S4' then 4 else 5 end)`;

/**
 * Issues, filtered and sorted, keyset-paged: `votes` (most first), `trending`
 * (votes in the last 24 h), `newest`, `oldest`, `severity` (S1 first),
 * `updated`. `status=needs_triage` is the triage queue (issue-workflow.ts's
 * needsTriage, in SQL); `open` and `closed` group the states. Public: issues
 * are what fans vote on.
 */
export async function listIssues(
  deps: Deps,
  actor: Actor,
  q: IssueListQuery,
): Promise<{ issues: IssueSummary[]; nextCursor: string | null }> {
  const now = deps.clock.now();
  const where: (SQL | undefined)[] = [];
  if (q.status === 'open') where.push(sql`${issues.status} not in ${closed}`);
  else if (q.status === 'closed') where.push(sql`${issues.status} in ${closed}`);
  else if (q.status === 'needs_triage') {
    where.push(
      sql`${issues.status} not in ${closed}`,
      or(eq(issues.status, 'new'), and(eq(issues.type, 'bug'), isNull(issues.severity)), isNull(issues.assigneeId)),
    );
  } else if (q.status) where.push(eq(issues.status, q.status));
  if (q.type) where.push(eq(issues.type, q.type));
  if (q.component) where.push(eq(issues.component, q.component));
  if (q.severity) where.push(eq(issues.severity, q.severity));
  if (q.priority) where.push(eq(issues.priority, q.priority));
  if (q.assignee === 'none') where.push(isNull(issues.assigneeId));
  else if (q.assignee !== undefined) where.push(eq(issues.assigneeId, q.assignee));
  if (q.label) where.push(sql`${issues.labels} @> array[${q.label}]::text[]`);
  if (q.q) {
    const pattern = `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(or(sql`${issues.title} ilike ${pattern}`, eq(issues.key, q.q.toUpperCase())));
  }

  // The sort key and the id break ties; the cursor holds both (times as ISO strings).
  const time = q.sort === 'updated' ? issues.updatedAt : q.sort === 'newest' || q.sort === 'oldest' ? issues.createdAt : null;
  const key: SQL =
    time !== null
      ? sql`${time}`
      : q.sort === 'votes'
        ? sql`${issues.voteCount}`
        : q.sort === 'trending'
          ? recentVotesSql(now)
          : sql`(-${SEVERITY_RANK})`;
  const ascending = q.sort === 'oldest';
  if (q.cursor) {
    const [k, id] = decodeCursor(q.cursor, [time ? 'string' : 'number', 'number']);
    const value = time ? new Date(k as string) : (k as number);
    where.push(ascending ? sql`(${key}, ${issues.id}) > (${value}, ${id})` : sql`(${key}, ${issues.id}) < (${value}, ${id})`);
  }
  const rows = await deps.db
    .select({ issue: issues, sortKey: sql<number>`${key}` })
    .from(issues)
    .where(and(...where))
    .orderBy(ascending ? sql`${key} asc, ${issues.id} asc` : sql`${key} desc, ${issues.id} desc`)
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    issues: await toIssueSummaries(
      deps.db,
      page.map((r) => r.issue),
      actor,
      now,
    ),
    nextCursor:
      rows.length > q.limit && last
        ? encodeCursor([
            time ? (q.sort === 'updated' ? last.issue.updatedAt : last.issue.createdAt).toISOString() : Number(last.sortKey),
            last.issue.id,
          ])
        : null,
  };
}
