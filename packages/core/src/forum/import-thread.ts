import type { Role, ThreadKind } from '@kakera/contracts';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import { requireSystem, type Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { applyPostToObligation } from '../sla/apply-post-to-obligation.ts';
import { insertPost } from './posts.repo.ts';
import { insertThread } from './threads.repo.ts';

export interface ImportedAuthor {
  id: number;
  role: Role;
  teamId: number | null;
}

export interface ImportThreadInput {
  categoryId: number;
  /** The board's response target (categories: the importer reads it once, and counts the board's new threads and posts per batch). */
  targetSeconds: number;
  /** Its id in the source (`stackexchange:bicycles.meta.stackexchange.com/q/1`): once per category. */
  sourceId: string;
  title: string;
  /** Markdown. */
  body: string;
  kind: ThreadKind;
  tags: string[];
  locked: boolean;
  author: ImportedAuthor;
}

/**
 * A thread brought by an import (the command line only), at `deps.clock`'s
 * time — the importer sets it to the source's time — with its opening post.
 * It goes through the response rule exactly as createThread does (a fan's
 * opens an obligation). It records no live event, awards no points and
 * sends no notification: this is history. Runs in the importer's
 * transaction (`deps.db`), which commits a batch at once and counts the
 * batch's threads and posts in the board.
 */
export async function importThread(deps: Deps, actor: Actor, input: ImportThreadInput): Promise<{ threadId: number; postId: number }> {
  requireSystem(actor);
  const tx = deps.db;
  const now = deps.clock.now();
  const thread = await insertThread(tx, {
    categoryId: input.categoryId,
    authorId: input.author.id,
    title: input.title,
    kind: input.kind,
    tags: input.tags,
    locked: input.locked,
    createdAt: now,
    lastActivityAt: now,
    lastPosition: 1,
    sourceId: input.sourceId,
  });
  const post = await insertPost(tx, {
    threadId: thread.id,
    authorId: input.author.id,
    authorRole: input.author.role,
    body: input.body,
    html: renderMarkdown(input.body),
    createdAt: now,
    position: 1,
    sourceId: input.sourceId,
  });
  await applyPostToObligation(
    tx,
    deps.events,
    {
      id: post.id,
      threadId: thread.id,
      categoryId: input.categoryId,
      createdAt: now,
      authorId: input.author.id,
      authorTeamId: input.author.teamId,
      authorRole: input.author.role,
      kind: 'post',
    },
    input.targetSeconds,
  );
  return { threadId: thread.id, postId: post.id };
}
