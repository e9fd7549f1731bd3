import type { Issue, PromoteBody } from '@kakera/contracts';
import { recordAudit } from '../audit/record-audit.ts';
import { createSystemPost } from '../forum/create-system-post.ts';
import { loadVisibleThread } from '../forum/get-thread.ts';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import { similarityTokens } from '../search/similarity-tokens.ts';
import { AppError, forbidden, notFound } from '../shared/app-error.ts';
import { isUniqueViolation } from '../shared/db-errors.ts';
import { requireStaff, type Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { canPromote } from './issue-policy.ts';
import { toIssue } from './issue-view.ts';
import { findLinkOfThread, findPostOfThread } from './thread-links.ts';
import { findIssueById, insertChanges, insertIssue, insertLink, lockIssueByKey, PROJECT_PREFIX, takeIssueNumber } from './issues.repo.ts';
import { promoteDraft } from './promote-draft.ts';
import { recordIssueChanged } from './record-issue-change.ts';

/**
 * Staff promote a thread (or one post of it) into a new issue — `KAK-n`, the
 * next number of the project's sequence — or link it to an existing issue
 * by `issueKey`. The thread gets a system message and shows the issue's
 * badge at once, live. A thread belongs to one issue.
 */
export async function promoteThread(
  deps: Deps,
  actor: Actor,
  threadId: number,
  input: PromoteBody,
): Promise<{ issue: Issue; created: boolean }> {
  const user = requireStaff(actor);
  if (!canPromote(actor)) throw forbidden();
  const thread = await loadVisibleThread(deps.db, actor, threadId);
  const postId = input.postId ?? null;
  if (postId !== null && !(await findPostOfThread(deps.db, threadId, postId))) {
    throw new AppError('invalid_input', 'Not a post of this thread', {
      fields: [{ path: 'postId', message: 'Not a post of this thread' }],
    });
  }
  const existing = await findLinkOfThread(deps.db, threadId);
  if (existing) {
    const linked = await findIssueById(deps.db, existing.issueId);
    throw new AppError('conflict', `This thread is already linked to ${linked?.key}`, { issueKey: linked?.key });
  }
  const now = deps.clock.now();
  const author = { id: user.id, role: user.role, teamId: user.teamId };

  // Two staff members promoting the same thread at once: the second finds it linked.
  const alreadyLinked = (e: unknown) => {
    if (isUniqueViolation(e)) throw new AppError('conflict', 'This thread has just been linked to an issue');
    throw e;
  };

  if ('issueKey' in input) {
    const issueId = await deps.db
      .transaction(async (tx) => {
        const issue = await lockIssueByKey(tx, input.issueKey);
        if (!issue)
          throw new AppError('not_found', `No issue ${input.issueKey}`, { fields: [{ path: 'issueKey', message: 'No such issue' }] });
        if (issue.status === 'duplicate' && issue.duplicateOfId) {
          const target = await findIssueById(tx, issue.duplicateOfId);
          throw new AppError('conflict', `${issue.key} is a duplicate of ${target?.key}: link to that`, { issueKey: target?.key });
        }
        await insertLink(tx, { threadId, issueId: issue.id, postId, source: false, linkedBy: user.id, linkedAt: now });
        await insertChanges(tx, issue.id, user.id, now, [{ field: 'linked', from: null, to: `thread:${threadId}` }]);
        await createSystemPost(tx, deps, {
          threadId,
          author,
          body: `Linked to issue [${issue.key}](/issues/${issue.key}): ${issue.title}`,
        });
        await recordAudit(tx, actor, now, 'issue.linked', { type: 'issue', id: issue.key }, { threadId, postId });
        await recordIssueChanged(tx, deps, issue);
        return issue.id;
      })
      .catch(alreadyLinked);
    return { issue: await toIssue(deps.db, (await findIssueById(deps.db, issueId))!, actor, deps.clock.now()), created: false };
  }

  const draft = await promoteDraft(deps.db, thread, postId);
  const title = input.title ?? draft.title;
  const description = input.description ?? draft.description;
  const issueId = await deps.db
    .transaction(async (tx) => {
      const n = await takeIssueNumber(tx, PROJECT_PREFIX);
      const key = `${PROJECT_PREFIX}-${n}`;
      const issue = await insertIssue(tx, {
        key,
        title,
        type: input.type ?? draft.type,
        severity: input.severity ?? null,
        priority: input.priority ?? null,
        component: input.component ?? draft.component,
        assigneeId: input.assigneeId ?? null,
        labels: input.labels ?? [],
        affectedVersion: input.affectedVersion ?? draft.affectedVersion,
        description,
        descriptionHtml: renderMarkdown(description),
        reporterId: draft.reporterId,
        sourceThreadId: threadId,
        titleTokens: similarityTokens(title),
        createdBy: user.id,
        createdAt: now,
        updatedAt: now,
      });
      await insertLink(tx, { threadId, issueId: issue.id, postId, source: true, linkedBy: user.id, linkedAt: now });
      await insertChanges(tx, issue.id, user.id, now, [
        { field: 'created', from: null, to: `thread:${threadId}` },
        { field: 'linked', from: null, to: `thread:${threadId}` },
      ]);
      await createSystemPost(tx, deps, { threadId, author, body: `Promoted to issue [${key}](/issues/${key}): ${title}` });
      await recordAudit(tx, actor, now, 'issue.promoted', { type: 'issue', id: key }, { threadId, postId });
      await recordIssueChanged(tx, deps, issue);
      return issue.id;
    })
    .catch(alreadyLinked);
  const row = await findIssueById(deps.db, issueId);
  if (!row) throw notFound('Issue');
  return { issue: await toIssue(deps.db, row, actor, deps.clock.now()), created: true };
}
