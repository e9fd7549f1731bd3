import type { IssueStatus } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import { createSystemPost } from '../forum/create-system-post.ts';
import { findThreadAuthorIds } from '../forum/thread-authors.ts';
import { notify } from '../notifications/notify.ts';
import type { UserActor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { findLinks, findVoterIds, type IssueRow } from './issues.repo.ts';

const STATUS_WORDS: Record<IssueStatus, string> = {
  new: 'new',
  triaged: 'triaged',
  planned: 'planned',
  in_progress: 'in progress',
  fixed: 'fixed',
  released: 'released',
  wont_fix: 'won’t fix',
  duplicate: 'duplicate',
  cannot_reproduce: 'cannot reproduce',
};

/**
 * Closing the loop (product.md): a status change posts one system message in
 * every linked thread — never a staff answer, the response rule ignores it —
 * and notifies the issue's reporters (the authors of its linked threads and
 * its reporter) and voters, except whoever made the change. Once per change:
 * the notification's key names the change.
 */
export async function closeTheLoop(
  tx: DbOrTx,
  deps: Deps,
  actor: UserActor,
  issue: IssueRow,
  from: IssueStatus,
  changeId: string,
): Promise<void> {
  const to = issue.status as IssueStatus;
  const links = await findLinks(tx, issue.id);
  const extra = to === 'fixed' && issue.fixedInVersion ? ` (fixed in ${issue.fixedInVersion})` : '';
  for (const link of links) {
    await createSystemPost(tx, deps, {
      threadId: link.threadId,
      author: { id: actor.id, role: actor.role, teamId: actor.teamId },
      body: `Issue [${issue.key}](/issues/${issue.key}) is now **${STATUS_WORDS[to]}**${extra} (was ${STATUS_WORDS[from]}).`,
    });
  }
  const reporters = await findThreadAuthorIds(
    tx,
    links.map((l) => l.threadId),
  );
  const recipients = new Set<number>([
    ...reporters,
    ...(issue.reporterId ? [issue.reporterId] : []),
    ...(await findVoterIds(tx, issue.id)),
  ]);
  await notify(tx, deps, recipients, {
    kind: 'issue.status_changed',
    data: { key: issue.key, title: issue.title, from, to, fixedInVersion: issue.fixedInVersion },
    url: `/issues/${issue.key}`,
    dedupeKey: `issue:${issue.key}:status:${changeId}`,
    except: actor.id,
  });
}
