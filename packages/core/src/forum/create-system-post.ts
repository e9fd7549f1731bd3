import type { Role } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import type { Deps } from '../shared/deps.ts';
import { applyPostToObligation } from '../sla/apply-post-to-obligation.ts';
import { NOBODY_POST_CAN } from './post-policy.ts';
import { findAuthor, insertPost } from './posts.repo.ts';
import { toPost } from './post-view.ts';
import { NOBODY_THREAD_CAN } from './thread-policy.ts';
import { threadFacts } from './thread-view.ts';
import { findThreadRow, takePosition } from './threads.repo.ts';

/**
 * A system message in a thread ("Linked to KAK-1", "Status: fixed"), inside
 * the caller's transaction: for the tracker's promotions and status changes.
 * It takes the next number like any post and its readers get it live, but it
 * is never a staff answer: the response rule ignores it (product.md).
 */
export async function createSystemPost(
  tx: DbOrTx,
  deps: Pick<Deps, 'events' | 'clock'>,
  input: { threadId: number; author: { id: number; role: Role; teamId: number | null }; body: string },
): Promise<number> {
  const now = deps.clock.now();
  const thread = await findThreadRow(tx, input.threadId);
  if (!thread) throw new Error(`createSystemPost: no thread ${input.threadId}`);
  const { position, hidden } = await takePosition(tx, input.threadId, { lastActivityAt: now });
  const post = await insertPost(tx, {
    threadId: input.threadId,
    authorId: input.author.id,
    authorRole: input.author.role,
    kind: 'system',
    body: input.body,
    html: renderMarkdown(input.body),
    createdAt: now,
    position,
  });
  const facts = {
    id: post.id,
    threadId: input.threadId,
    categoryId: thread.categoryId,
    createdAt: now,
    authorId: input.author.id,
    authorTeamId: input.author.teamId,
    authorRole: input.author.role,
    kind: 'system' as const,
  };
  // The rule itself says a system message changes nothing; asking it keeps that decision in one place.
  await applyPostToObligation(tx, deps.events, facts, 0, { staffOnly: hidden });
  const author = await findAuthor(tx, input.author.id);
  const view = { ...toPost(post, author, { kind: 'guest' }, { ...thread, acceptedPostId: null }, false), can: NOBODY_POST_CAN };
  await deps.events.record(
    tx,
    'post.created',
    `thread:${input.threadId}`,
    {
      threadId: input.threadId,
      categoryId: thread.categoryId,
      post: view,
      thread: threadFacts(thread, false),
      threadCan: NOBODY_THREAD_CAN,
    },
    { staffOnly: hidden },
  );
  return post.id;
}
