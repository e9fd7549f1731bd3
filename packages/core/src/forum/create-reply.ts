import { sql } from 'drizzle-orm';
import type { Post } from '@kakera/contracts';
import { threads } from '@kakera/db';
import { countInCategory } from '../categories/count-in-category.ts';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import { awardBadge } from '../ranks/award-badge.ts';
import { awardPoints } from '../ranks/award-points.ts';
import { requireActiveUser, type Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { hasBadgeSql } from '../ranks/badge-reads.ts';
import { indexNewPost } from '../search/index-post.ts';
import { applyPostToObligation } from '../sla/apply-post-to-obligation.ts';
import { bindAttachments } from '../attachments/bind-attachments.ts';
import { isStaffRole } from '@kakera/contracts';
import { getPost, loadVisibleThread } from './get-thread.ts';
import { NOBODY_POST_CAN } from './post-policy.ts';
import { notifyAboutPost } from './notify-about-post.ts';
import { insertReply } from './posts.repo.ts';
import { toPost } from './post-view.ts';
import { canReply, NOBODY_THREAD_CAN } from './thread-policy.ts';
import { threadFacts } from './thread-view.ts';
import { takePosition } from './threads.repo.ts';

/**
 * A reply. It takes the thread's next number, counts in the board, and goes
 * through the response rule (a fan post opens an obligation, a staff post
 * meets it). Readers of the thread get it live; in a hidden thread, staff only.
 */
export async function createReply(deps: Deps, actor: Actor, threadId: number, body: string, attachmentIds: number[] = []): Promise<Post> {
  const user = requireActiveUser(actor);
  const thread = await loadVisibleThread(deps.db, actor, threadId);
  if (!canReply(actor, thread)) throw new AppError('thread_locked', 'This thread is locked');
  const now = deps.clock.now();
  const made = await deps.db.transaction(async (tx) => {
    // First, so that concurrent replies queue on the thread row for their numbers.
    const { position, hidden, slaTargetSeconds, categoryId, kind } = await takePosition(tx, threadId, {
      replyCount: sql`${threads.replyCount} + 1`,
      lastActivityAt: now,
    });
    // The post, its author as shown, whether staff had replied, and whether the
    // writer holds the first-post badge yet: one statement (docs/performance.md, "The write paths").
    const inserted = await insertReply(
      tx,
      { threadId, authorId: user.id, authorRole: user.role, body, html: renderMarkdown(body), createdAt: now, position },
      thread.authorId,
      { firstPostBadge: hasBadgeSql(sql`${user.id}::integer`, 'first_post') },
    );
    const { post } = inserted;
    // The poster's own uploads, on no post yet (else the whole reply is refused).
    const files = await bindAttachments(tx, deps, { postId: post.id, uploaderId: user.id, ids: attachmentIds });
    await applyPostToObligation(
      tx,
      deps.events,
      {
        id: post.id,
        threadId,
        categoryId: thread.categoryId,
        createdAt: now,
        authorId: user.id,
        authorTeamId: user.teamId,
        authorRole: user.role,
        kind: 'post',
      },
      slaTargetSeconds,
      { staffOnly: hidden },
    );
    const awarded = await awardPoints(tx, deps, { userId: user.id, reason: 'reply', source: `post:${post.id}` });
    // Only its first post awards the badge (a later award would do nothing).
    if (!inserted.firstPostBadge) await awardBadge(tx, deps, { userId: user.id, badge: 'first_post' });
    // Its document from what is in hand: the post, and its thread as locked above.
    await indexNewPost(tx, {
      post_id: post.id,
      thread_id: threadId,
      category_id: categoryId,
      thread_kind: kind,
      author_id: user.id,
      position,
      created_at: now,
      thread_hidden: hidden,
      post_hidden: false,
      body,
      title: null,
    });
    await notifyAboutPost(tx, deps, { thread, postId: post.id, position, author: user, body, hidden });
    // The author as read with the post, with the points this reply earned.
    const author = { ...inserted.author, points: inserted.author.points + awarded };
    const staffReplied = (isStaffRole(user.role) && user.id !== thread.authorId) || inserted.staffReplied;
    // Worded for nobody in particular: the hub words `can` for each receiver (live/personalize-event.ts).
    const view = { ...toPost(post, author, { kind: 'guest' }, { ...thread, acceptedPostId: null }, false, files), can: NOBODY_POST_CAN };
    await deps.events.record(
      tx,
      'post.created',
      `thread:${threadId}`,
      { threadId, categoryId: thread.categoryId, post: view, thread: threadFacts(thread, staffReplied), threadCan: NOBODY_THREAD_CAN },
      { staffOnly: hidden },
    );
    // Last: the board's row is shared by every reply in the board, and its
    // lock is held until commit — taken first, it queued the board's replies
    // behind each other's whole transactions (docs/performance.md, "The write paths").
    await countInCategory(tx, thread.categoryId, { threads: 0, posts: 1 });
    return { post, author, files, hidden };
  });
  // The writer's view of what was just written, without reading it back
  // (three statements fewer); in a thread hidden meanwhile, as they may see it.
  if (made.hidden) return getPost(deps, actor, made.post.id);
  return toPost(made.post, made.author, actor, { ...thread, acceptedPostId: null }, false, made.files);
}
