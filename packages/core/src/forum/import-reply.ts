import { sql } from 'drizzle-orm';
import { threads } from '@kakera/db';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import { requireSystem, type Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { applyPostToObligation } from '../sla/apply-post-to-obligation.ts';
import type { ImportedAuthor } from './import-thread.ts';
import { insertPost } from './posts.repo.ts';
import { takePosition, updateThread } from './threads.repo.ts';

export interface ImportReplyInput {
  threadId: number;
  categoryId: number;
  /** The board's response target (categories: the importer reads it once, and counts the board's new threads and posts per batch). */
  targetSeconds: number;
  /** Its id in the source (`stackexchange:…/a/1116`): once per thread. */
  sourceId: string;
  /** Markdown. */
  body: string;
  author: ImportedAuthor;
  /** The source marked it as the accepted answer. */
  accepted: boolean;
}

/**
 * A reply brought by an import (the command line only), at `deps.clock`'s
 * time: it takes the thread's next number and goes through the response
 * rule as createReply does (a fan post opens or joins the obligation, a
 * staff post meets it); an accepted answer is marked so. No live event,
 * points or notification: this is history. Runs in the importer's
 * transaction (`deps.db`), which counts the batch's posts in the board.
 */
export async function importReply(deps: Deps, actor: Actor, input: ImportReplyInput): Promise<{ postId: number }> {
  requireSystem(actor);
  const tx = deps.db;
  const now = deps.clock.now();
  const { position, hidden } = await takePosition(tx, input.threadId, { replyCount: sql`${threads.replyCount} + 1`, lastActivityAt: now });
  const post = await insertPost(tx, {
    threadId: input.threadId,
    authorId: input.author.id,
    authorRole: input.author.role,
    body: input.body,
    html: renderMarkdown(input.body),
    createdAt: now,
    position,
    sourceId: input.sourceId,
  });
  await applyPostToObligation(
    tx,
    deps.events,
    {
      id: post.id,
      threadId: input.threadId,
      categoryId: input.categoryId,
      createdAt: now,
      authorId: input.author.id,
      authorTeamId: input.author.teamId,
      authorRole: input.author.role,
      kind: 'post',
    },
    input.targetSeconds,
    { staffOnly: hidden },
  );
  if (input.accepted) await updateThread(tx, input.threadId, { acceptedPostId: post.id });
  return { postId: post.id };
}
