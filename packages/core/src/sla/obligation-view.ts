import { eq } from 'drizzle-orm';
import type { QueueObligation, SlaObligation } from '@kakera/contracts';
import { obligations, type DbOrTx } from '@kakera/db';
import { categoryNameSql, categorySlugSql } from '../categories/category-reads.ts';
import { postAuthorIdSql, postBodyStartSql } from '../forum/post-reads.ts';
import { threadTitleSql } from '../forum/thread-reads.ts';
import { firstLineText } from '../markdown/markdown-text.ts';
import { notFound } from '../shared/app-error.ts';
import { toUserRef, userNameSql, userRefSql, type UserRefRow } from '../users/user-reads.ts';
import { liveState } from './obligation-rules.ts';

/** The columns the queue and the staff actions show: the obligation, and the names of what it refers to. */
export const obligationViewColumns = {
  o: obligations,
  threadTitle: threadTitleSql(obligations.threadId),
  categorySlug: categorySlugSql(obligations.categoryId),
  categoryName: categoryNameSql(obligations.categoryId),
  claimerName: userNameSql(obligations.claimedBy),
  // Who is waiting and what they said: the post that opened the obligation.
  author: userRefSql(postAuthorIdSql(obligations.openedPostId)),
  bodyStart: postBodyStartSql(obligations.openedPostId),
};

export type ObligationViewRow = {
  o: typeof obligations.$inferSelect;
  threadTitle: string;
  categorySlug: string;
  categoryName: string;
  claimerName: string | null;
  author: UserRefRow | null;
  bodyStart: string | null;
  /** `bodyStart`'s first line, once worked out (`withExcerpt`). */
  excerpt?: string;
};

/** Obligations with the names they show, filtered and ordered by the caller. */
export function selectObligationViews(db: DbOrTx) {
  return db.select(obligationViewColumns).from(obligations);
}

function base(r: ObligationViewRow) {
  const o = r.o;
  return {
    id: o.id,
    threadId: o.threadId,
    categoryId: o.categoryId,
    openedAt: o.openedAt.toISOString(),
    warnAt: o.warnAt.toISOString(),
    dueAt: o.dueAt.toISOString(),
    targetSeconds: o.targetSeconds,
    claimedBy: o.claimedBy,
    claimedAt: o.claimedAt?.toISOString() ?? null,
    claimer: o.claimedBy !== null && r.claimerName !== null ? { id: o.claimedBy, name: r.claimerName } : null,
    thread: { id: o.threadId, title: r.threadTitle },
    category: { id: o.categoryId, slug: r.categorySlug, name: r.categoryName },
    author: r.author ? toUserRef(r.author) : null,
    excerpt: r.excerpt ?? firstLineText(r.bodyStart ?? ''),
  };
}

/** The row with its post's first line worked out and the rest of the body dropped: what a cache keeps. */
export function withExcerpt(r: ObligationViewRow): ObligationViewRow {
  return { ...r, bodyStart: null, excerpt: r.excerpt ?? firstLineText(r.bodyStart ?? '') };
}

/** Only open obligations are in the queue, so the state there is open, warned or breached. */
export function queueStateOf(o: ObligationViewRow['o'], now: Date): QueueObligation['state'] {
  const state = liveState(o, now);
  return state === 'warned' || state === 'breached' ? state : 'open';
}

/** A queue row; `state` is its last field (the queue's serializer relies on that). */
export function toQueueObligation(r: ObligationViewRow, now: Date): QueueObligation {
  return { ...base(r), state: queueStateOf(r.o, now) };
}

export function toSlaObligation(r: ObligationViewRow, now: Date): SlaObligation {
  const o = r.o;
  return {
    ...base(r),
    state: liveState(o, now),
    status: o.status,
    respondedAt: o.respondedAt?.toISOString() ?? null,
    responderId: o.responderId,
    closedAt: o.closedAt?.toISOString() ?? null,
    closedReason: o.closedReason,
  };
}

export async function getObligationView(db: DbOrTx, id: number, now: Date): Promise<SlaObligation> {
  const [row] = await selectObligationViews(db).where(eq(obligations.id, id)).limit(1);
  if (!row) throw notFound('Obligation');
  return toSlaObligation(row, now);
}
