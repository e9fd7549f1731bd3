import type { DbOrTx } from '@kakera/db';
import { findThreadAuthorIds } from '../forum/thread-authors.ts';
import { notify } from '../notifications/notify.ts';
import { awardBadge } from '../ranks/award-badge.ts';
import { awardPoints } from '../ranks/points.ts';
import type { Deps } from '../shared/deps.ts';
import { isAdoptedState } from './issue-workflow.ts';
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
  await awardPoints(tx, deps.config.points, authorId, 'adopted');
  await awardBadge(tx, authorId, 'adopted', `issue:${issue.key}`, `${issue.key}: ${issue.title}`, now);
  await notify(tx, deps, [authorId], {
    kind: 'issue.adopted',
    data: { key: issue.key, title: issue.title, points: deps.config.points.adopted },
    url: `/issues/${issue.key}`,
    dedupeKey: `issue:${issue.key}:adopted`,
  });
  return true;
}
