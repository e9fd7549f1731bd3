import type { DbOrTx } from '@kakera/db';
import { findThreadAuthorIds } from '../forum/thread-authors.ts';
import { notify } from '../notifications/notify.ts';
import { awardBadge } from '../ranks/award-badge.ts';
import { awardPoints } from '../ranks/award-points.ts';
import type { Deps } from '../shared/deps.ts';
import { isAdoptedState, isConfirmedState } from './issue-workflow.ts';
import { markAdopted, type IssueRow } from './issues.repo.ts';

/**
 * Adopted ideas are rewarded (product.md): the first time a feature or
 * feedback issue reaches
 * `planned` or a later open state, the author of its source thread earns the
 * configured points and the "Adopted" badge and is notified — once, even if
 * the status goes back and forth (adopted_at is set once, by a conditional
 * update; the badge's key is unique per issue).
 */
export async function rewardAdoption(tx: DbOrTx, deps: Deps, issue: IssueRow): Promise<boolean> {
  // Ideas are adopted; bugs are confirmed instead (the ranks work rewards that at `triaged`).
  if (issue.type === 'bug' || !isAdoptedState(issue.status) || issue.sourceThreadId === null) return false;
  const now = deps.clock.now();
  if (!(await markAdopted(tx, issue.id, now))) return false;
  const [authorId] = await findThreadAuthorIds(tx, [issue.sourceThreadId]);
  if (authorId === undefined) return false;
  await awardPoints(tx, deps, { userId: authorId, reason: 'adopted', source: `issue:${issue.key}` });
  await awardBadge(tx, deps, { userId: authorId, badge: 'adopted', source: `issue:${issue.key}`, reason: `${issue.key}: ${issue.title}` });
  await notify(tx, deps, [authorId], {
    kind: 'issue.adopted',
    data: { key: issue.key, title: issue.title, points: deps.config.points.adopted },
    url: `/issues/${issue.key}`,
    dedupeKey: `issue:${issue.key}:adopted`,
  });
  return true;
}

/**
 * A bug report confirmed (product.md, "Fan ranks"): the first time a bug's
 * issue reaches `triaged` or later (and is not closed), its reporter earns
 * the configured points, once per issue (the ledger's key), and the "Bug
 * hunter" badge for the first one.
 */
export async function rewardConfirmedBug(tx: DbOrTx, deps: Deps, issue: IssueRow): Promise<boolean> {
  if (issue.type !== 'bug' || issue.reporterId === null || !isConfirmedState(issue.status)) return false;
  const points = await awardPoints(tx, deps, { userId: issue.reporterId, reason: 'bugConfirmed', source: `issue:${issue.key}` });
  await awardBadge(tx, deps, { userId: issue.reporterId, badge: 'bug_hunter', reason: `${issue.key}: ${issue.title}` });
  return points > 0;
}
