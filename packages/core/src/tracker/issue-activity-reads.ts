import { sql } from 'drizzle-orm';
import type { IssueStatus, IssueType } from '@kakera/contracts';
import { issueChanges, issueVotes, issues, rowsOf, type DbOrTx } from '@kakera/db';

/**
 * What happened to issues in a period, for the daily digest, without other
 * modules reading the tracker's tables: votes cast (and not withdrawn since),
 * and the history's promotions (`created`) and status changes to `fixed` and
 * `released` (issue_changes, written by every change).
 */

export interface IssueActivityRef {
  key: string;
  title: string;
  type: IssueType;
  status: IssueStatus;
  voteCount: number;
}

/** The issues with the most votes cast in [start, end), most first (then the most votes overall). */
export async function findIssuesByNewVotes(
  db: DbOrTx,
  range: { start: Date; end: Date },
  limit: number,
): Promise<(IssueActivityRef & { newVotes: number })[]> {
  const result = await db.execute(sql`
    select i.key, i.title, i.type, i.status, i.vote_count as "voteCount", count(*)::int as "newVotes"
    from ${issueVotes} v join ${issues} i on i.id = v.issue_id
    where v.created_at >= ${range.start} and v.created_at < ${range.end}
    group by i.id
    order by 6 desc, i.vote_count desc, i.id
    limit ${limit}`);
  return rowsOf<IssueActivityRef & { newVotes: number }>(result).map((r) => ({
    ...r,
    voteCount: Number(r.voteCount),
    newVotes: Number(r.newVotes),
  }));
}

export type IssueMilestone = 'promoted' | 'fixed' | 'released';

/** Issues promoted, set to `fixed` and set to `released` in [start, end): each issue once per milestone, in the order it happened. */
export async function findIssueMilestones(
  db: DbOrTx,
  range: { start: Date; end: Date },
): Promise<Record<IssueMilestone, IssueActivityRef[]>> {
  const result = await db.execute(sql`
    select m.milestone, i.key, i.title, i.type, i.status, i.vote_count as "voteCount"
    from (
      select c.issue_id,
        case when c.field = 'created' then 'promoted' else c.to_value end as milestone,
        min(c.id) as first_change
      from ${issueChanges} c
      where c.at >= ${range.start} and c.at < ${range.end}
        and (c.field = 'created' or (c.field = 'status' and c.to_value in ('fixed', 'released')))
      group by 1, 2
    ) m join ${issues} i on i.id = m.issue_id
    order by m.first_change`);
  const out: Record<IssueMilestone, IssueActivityRef[]> = { promoted: [], fixed: [], released: [] };
  for (const r of rowsOf<IssueActivityRef & { milestone: IssueMilestone }>(result)) {
    const { milestone, ...ref } = r;
    out[milestone].push({ ...ref, voteCount: Number(ref.voteCount) });
  }
  return out;
}
