import { and, eq, sql } from 'drizzle-orm';
import { obligations, type DbOrTx } from '@kakera/db';
import type { EventPublisher } from '../events/event-bus.ts';
import { decideOnPost, obligationTimes, type PostFacts } from './obligation-rules.ts';

export interface PostForObligation extends PostFacts {
  id: number;
  threadId: number;
  categoryId: number;
  createdAt: Date;
  authorId: number;
  authorTeamId: number | null;
}

/**
 * Applies a new post to its thread's obligation inside the post's own
 * transaction, and records the resulting event (delivered on commit).
 */
export async function applyPostToObligation(
  tx: DbOrTx,
  events: EventPublisher,
  post: PostForObligation,
  targetSeconds: number,
): Promise<void> {
  const [open] = await tx
    .select()
    .from(obligations)
    .where(and(eq(obligations.threadId, post.threadId), eq(obligations.status, 'open')))
    .for('update')
    .limit(1);
  const decision = decideOnPost(!!open, post);
  if (decision === 'open') {
    const { warnAt, dueAt } = obligationTimes(post.createdAt, targetSeconds);
    // The partial unique index allows one open obligation per thread; a
    // concurrent fan post that lost the race simply joins the open one.
    const inserted = await tx.execute(sql`
      insert into ${obligations} (thread_id, category_id, opened_post_id, target_seconds, opened_at, warn_at, due_at)
      values (${post.threadId}, ${post.categoryId}, ${post.id}, ${targetSeconds}, ${post.createdAt}, ${warnAt}, ${dueAt})
      on conflict do nothing
      returning id`);
    const id = rowsOf<{ id: number }>(inserted)[0]?.id;
    if (id !== undefined) {
      await events.record(tx, 'obligation.opened', 'staff-queue', {
        obligationId: id,
        threadId: post.threadId,
        categoryId: post.categoryId,
        openedAt: post.createdAt.toISOString(),
        dueAt: dueAt.toISOString(),
      });
    }
  } else if (decision === 'meet' && open) {
    // Answered late before the sweeper got to it: the breach still fires, once
    // (the row is locked, and the sweeper only claims rows with no breached_at).
    const lateUnannounced = open.breachedAt === null && post.createdAt.getTime() > open.dueAt.getTime();
    if (lateUnannounced) {
      await tx.update(obligations).set({ breachedAt: post.createdAt }).where(eq(obligations.id, open.id));
      await events.record(tx, 'obligation.breached', 'staff-queue', {
        obligationId: open.id,
        threadId: post.threadId,
        categoryId: post.categoryId,
        dueAt: open.dueAt.toISOString(),
      });
    }
    await tx
      .update(obligations)
      .set({
        status: 'met',
        respondedAt: post.createdAt,
        responderId: post.authorId,
        responderTeamId: post.authorTeamId,
        responsePostId: post.id,
        closedAt: post.createdAt,
      })
      .where(eq(obligations.id, open.id));
    await events.record(tx, 'obligation.met', 'staff-queue', {
      obligationId: open.id,
      threadId: post.threadId,
      categoryId: post.categoryId,
      respondedAt: post.createdAt.toISOString(),
      responderId: post.authorId,
    });
  }
}

/** node-postgres answers `{ rows }`, PGlite answers `{ rows }` too, but typed apart. */
export function rowsOf<T>(result: unknown): T[] {
  const r = result as { rows?: T[] } | T[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}

/**
 * An obligation closed without an answer (no response needed, or cancelled):
 * staff see it leave the queue, and readers of the thread see the waiting
 * notice go, both live.
 */
export async function recordObligationClosed(
  tx: DbOrTx,
  events: EventPublisher,
  data: { obligationId: number; threadId: number; categoryId: number; state: 'no_response_needed' | 'cancelled'; staffOnly?: boolean },
): Promise<void> {
  const { staffOnly = false, ...payload } = data;
  await events.record(tx, 'obligation.closed', 'staff-queue', payload);
  await events.record(tx, 'obligation.closed', `thread:${data.threadId}`, payload, { staffOnly });
}
