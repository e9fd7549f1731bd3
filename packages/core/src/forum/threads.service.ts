import { and, asc, between, desc, eq, sql } from 'drizzle-orm';
import type { CreateThreadBody, Post, Thread, ThreadListQuery, ThreadSummary } from '@kakera/contracts';
import { categories, obligations, postLikes, posts, threads, users, type DbOrTx } from '@kakera/db';
import { isStaff, requireActiveUser, type Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import { applyPostToObligation } from '../sla/obligations.repo.ts';
import { liveState } from '../sla/obligation-rules.ts';
import { toUserRef } from '../users/user-view.ts';
import { getCategoryRowById, getCategoryRowBySlug } from './categories.service.ts';
import { toPost } from './post-view.ts';
import { awaitingStaffSql, findThreadPage, findThreadSummary, visibleThreads } from './thread-queries.ts';

export async function listCategoryThreads(deps: Deps, actor: Actor, slug: string, query: ThreadListQuery) {
  const category = await getCategoryRowBySlug(deps.db, slug);
  return findThreadPage(deps.db, {
    where: and(
      eq(threads.categoryId, category.id),
      visibleThreads(isStaff(actor)),
      query.filter === 'unanswered' ? awaitingStaffSql : undefined,
    ),
    sort: query.sort,
    cursor: query.cursor,
    limit: query.limit,
  });
}

export async function listUserThreads(deps: Deps, actor: Actor, userId: number, limit = 20): Promise<ThreadSummary[]> {
  const page = await findThreadPage(deps.db, {
    where: and(eq(threads.authorId, userId), visibleThreads(isStaff(actor))),
    sort: 'newest',
    cursor: undefined,
    limit,
  });
  return page.threads;
}

export async function createThread(deps: Deps, actor: Actor, input: CreateThreadBody): Promise<Thread> {
  const user = requireActiveUser(actor);
  const category = await getCategoryRowById(deps.db, input.categoryId);
  if (!category) {
    throw new AppError('not_found', 'Category not found', { fields: [{ path: 'categoryId', message: 'No such category' }] });
  }
  const now = deps.clock.now();
  const report = input.kind === 'bug' ? cleanReport(input.report) : null;
  const threadId = await deps.db.transaction(async (tx) => {
    const [thread] = await tx
      .insert(threads)
      .values({
        categoryId: category.id,
        authorId: user.id,
        title: input.title,
        kind: input.kind,
        report,
        createdAt: now,
        lastActivityAt: now,
        lastPosition: 1,
      })
      .returning();
    const [post] = await tx
      .insert(posts)
      .values({
        threadId: thread!.id,
        authorId: user.id,
        authorRole: user.role,
        body: input.body,
        html: renderMarkdown(input.body),
        createdAt: now,
        position: 1,
      })
      .returning();
    await tx
      .update(categories)
      .set({ threadCount: sql`${categories.threadCount} + 1`, postCount: sql`${categories.postCount} + 1` })
      .where(eq(categories.id, category.id));
    await applyPostToObligation(
      tx,
      deps.events,
      {
        id: post!.id,
        threadId: thread!.id,
        categoryId: category.id,
        createdAt: now,
        authorId: user.id,
        authorTeamId: user.teamId,
        authorRole: user.role,
        kind: 'post',
      },
      category.slaTargetSeconds,
    );
    const summary = await findThreadSummary(tx, thread!.id);
    await deps.events.record(tx, 'thread.created', `category:${category.id}`, { categoryId: category.id, thread: summary! });
    return thread!.id;
  });
  return getThreadRecord(deps, actor, threadId);
}

function cleanReport(report: CreateThreadBody['report']): Record<string, string> | null {
  if (!report) return null;
  const entries = Object.entries(report).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].length > 0);
  return entries.length ? Object.fromEntries(entries) : null;
}

/** The thread row, or not found for readers who may not see it. */
export async function loadVisibleThread(db: DbOrTx, actor: Actor, id: number) {
  const [row] = await db.select().from(threads).where(eq(threads.id, id)).limit(1);
  if (!row || (row.hiddenAt && !isStaff(actor))) throw notFound('Thread');
  return row;
}

export async function getThreadRecord(deps: Deps, actor: Actor, id: number): Promise<Thread> {
  return describeThread(deps, await loadVisibleThread(deps.db, actor, id));
}

async function describeThread(deps: Deps, row: typeof threads.$inferSelect): Promise<Thread> {
  const id = row.id;
  const [[category], [author], [obligation]] = await Promise.all([
    deps.db.select().from(categories).where(eq(categories.id, row.categoryId)),
    deps.db
      .select({ id: users.id, name: users.name, role: users.role, points: users.points })
      .from(users)
      .where(eq(users.id, row.authorId)),
    deps.db
      .select()
      .from(obligations)
      .where(eq(obligations.threadId, id))
      .orderBy(sql`${obligations.status} = 'open' desc`, desc(obligations.openedAt))
      .limit(1),
  ]);
  const now = deps.clock.now();
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    categoryId: row.categoryId,
    category: { id: category!.id, slug: category!.slug, name: category!.name, slaTargetSeconds: category!.slaTargetSeconds },
    author: toUserRef(author!),
    solved: row.acceptedPostId !== null || row.resolvedByAuthor === true,
    acceptedPostId: row.acceptedPostId,
    resolution: row.resolvedByAuthor === null ? null : row.resolvedByAuthor ? 'yes' : 'no',
    issueKey: null,
    report: row.report ?? null,
    obligation: obligation
      ? {
          id: obligation.id,
          state: liveState(obligation, now),
          openedAt: obligation.openedAt.toISOString(),
          dueAt: obligation.dueAt.toISOString(),
          respondedAt: obligation.respondedAt?.toISOString() ?? null,
          targetSeconds: obligation.targetSeconds,
        }
      : null,
    locked: row.locked,
    pinned: row.pinned,
    replyCount: row.replyCount,
    likeCount: row.likeCount,
    createdAt: row.createdAt.toISOString(),
    lastActivityAt: row.lastActivityAt.toISOString(),
  };
}

/**
 * A thread with one page of its posts, by number: page `page` holds positions
 * `(page - 1) * limit + 1` to `page * limit`, so it is the same page for every
 * reader (deleted and hidden posts keep their place). With `post`, the page
 * that holds that post; a post of another thread is not found. A page past the
 * end is empty, with `pageCount` saying where the thread ends.
 */
export async function getThread(
  deps: Deps,
  actor: Actor,
  id: number,
  query: { page: number; limit: number; post?: number | undefined },
): Promise<{ thread: Thread; posts: Post[]; page: number; pageCount: number }> {
  const row = await loadVisibleThread(deps.db, actor, id);
  const { limit } = query;
  let page = query.page;
  let pageCount = Math.max(1, Math.ceil(row.lastPosition / limit));
  if (query.post !== undefined) {
    const [target] = await deps.db
      .select({ position: posts.position })
      .from(posts)
      .where(and(eq(posts.id, query.post), eq(posts.threadId, id)));
    if (!target) throw notFound('Post');
    page = Math.ceil(target.position / limit);
    // A reply that landed after the thread row was read may sit on a later page.
    pageCount = Math.max(pageCount, page);
  }
  const staffViewer = isStaff(actor);
  const viewerId = actor.kind === 'user' ? actor.id : 0;
  const [thread, rows] = await Promise.all([
    describeThread(deps, row),
    page > pageCount
      ? []
      : deps.db
          .select({
            post: posts,
            author: { id: users.id, name: users.name, role: users.role, points: users.points },
            likedByMe: sql<boolean>`(${postLikes.userId} is not null)`,
          })
          .from(posts)
          .innerJoin(users, eq(users.id, posts.authorId))
          .leftJoin(postLikes, and(eq(postLikes.postId, posts.id), eq(postLikes.userId, viewerId)))
          .where(and(eq(posts.threadId, id), between(posts.position, (page - 1) * limit + 1, page * limit)))
          .orderBy(asc(posts.position)),
  ]);
  return {
    thread,
    posts: rows.map((r) =>
      toPost(r.post, r.author, { staffViewer, likedByMe: Boolean(r.likedByMe), acceptedPostId: thread.acceptedPostId }),
    ),
    page,
    pageCount,
  };
}
