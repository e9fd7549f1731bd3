import type { CreateThreadBody, Thread } from '@kakera/contracts';
import { countInCategory } from '../categories/count-in-category.ts';
import { findCategoryRow } from '../categories/find-categories.ts';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import { awardBadge } from '../ranks/award-badge.ts';
import { awardPoints } from '../ranks/award-points.ts';
import { requireActiveUser, type Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { indexPost } from '../search/index-post.ts';
import { applyPostToObligation } from '../sla/apply-post-to-obligation.ts';
import { bindAttachments } from '../attachments/bind-attachments.ts';
import { getThreadRecord } from './get-thread.ts';
import { notifyAboutPost } from './notify-about-post.ts';
import { insertPost } from './posts.repo.ts';
import { findThreadSummary, insertThread } from './threads.repo.ts';

/**
 * A signed-in fan (or staff) starts a thread with its opening post. A fan's
 * opens the board's response obligation; the board's readers see it live.
 */
export async function createThread(deps: Deps, actor: Actor, input: CreateThreadBody): Promise<Thread> {
  const user = requireActiveUser(actor);
  const category = await findCategoryRow(deps.db, input.categoryId);
  if (!category) {
    throw new AppError('not_found', 'Category not found', { fields: [{ path: 'categoryId', message: 'No such category' }] });
  }
  const now = deps.clock.now();
  const report = input.kind === 'bug' ? cleanReport(input.report) : null;
  const threadId = await deps.db.transaction(async (tx) => {
    const thread = await insertThread(tx, {
      categoryId: category.id,
      authorId: user.id,
      title: input.title,
      kind: input.kind,
      report,
      createdAt: now,
      lastActivityAt: now,
      lastPosition: 1,
    });
    const post = await insertPost(tx, {
      threadId: thread.id,
      authorId: user.id,
      authorRole: user.role,
      body: input.body,
      html: renderMarkdown(input.body),
      createdAt: now,
      position: 1,
    });
    await bindAttachments(tx, deps, { postId: post.id, uploaderId: user.id, ids: input.attachmentIds ?? [] });
    const { slaTargetSeconds } = await countInCategory(tx, category.id, { threads: 1, posts: 1 });
    await applyPostToObligation(
      tx,
      deps.events,
      {
        id: post.id,
        threadId: thread.id,
        categoryId: category.id,
        createdAt: now,
        authorId: user.id,
        authorTeamId: user.teamId,
        authorRole: user.role,
        kind: 'post',
      },
      slaTargetSeconds,
    );
    await awardPoints(tx, deps, { userId: user.id, reason: 'thread', source: `post:${post.id}` });
    await awardBadge(tx, deps, { userId: user.id, badge: 'first_post' });
    await indexPost(tx, post.id);
    await notifyAboutPost(tx, deps, { thread, postId: post.id, position: 1, author: user, body: input.body, hidden: false });
    const summary = await findThreadSummary(tx, thread.id);
    await deps.events.record(tx, 'thread.created', `category:${category.id}`, { categoryId: category.id, thread: summary! });
    return thread.id;
  });
  return getThreadRecord(deps, actor, threadId);
}

function cleanReport(report: CreateThreadBody['report']): Record<string, string> | null {
  if (!report) return null;
  const entries = Object.entries(report).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].length > 0);
  return entries.length ? Object.fromEntries(entries) : null;
}
