import { and, eq } from 'drizzle-orm';
import type { ThreadListQuery, ThreadSummary } from '@kakera/contracts';
import { threads } from '@kakera/db';
import { getCategoryRowBySlug } from '../categories/find-categories.ts';
import { isStaff, type Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { awaitingStaffFilter, explainThreadPage, findThreadPage, visibleThreads } from './threads.repo.ts';

/**
 * Whom a thread list reads the same for. A list depends on its reader only
 * through this — staff also see hidden threads; every other reader, signed
 * in or not, sees exactly what a guest sees (no `can` flag, no vote of their
 * own) — so readers of one audience may share one answer (the API's read
 * cache keys the board list and the latest threads by it).
 */
export function threadListAudience(actor: Actor): 'staff' | 'everyone' {
  return isStaff(actor) ? 'staff' : 'everyone';
}

/**
 * A board's threads, sorted and keyset-paged; `unanswered` keeps those
 * awaiting staff. Pinned threads come first, on the first page only (a
 * board pins a handful); the pages after it hold the rest in order.
 */
export async function listCategoryThreads(deps: Deps, actor: Actor, slug: string, query: ThreadListQuery) {
  const category = await getCategoryRowBySlug(deps.db, slug);
  const scope = and(
    eq(threads.categoryId, category.id),
    visibleThreads(threadListAudience(actor) === 'staff'),
    query.filter === 'unanswered' ? awaitingStaffFilter() : undefined,
  );
  const [pinned, page] = await Promise.all([
    query.cursor
      ? { threads: [], nextCursor: null }
      : findThreadPage(deps.db, { where: and(scope, eq(threads.pinned, true)), sort: query.sort, cursor: undefined, limit: 50 }),
    findThreadPage(deps.db, { where: and(scope, eq(threads.pinned, false)), sort: query.sort, cursor: query.cursor, limit: query.limit }),
  ]);
  return { threads: [...pinned.threads, ...page.threads], nextCursor: page.nextCursor };
}

/**
 * The plan of the query behind a board's page (or, with `pinned`, of its
 * pinned threads), as a guest would ask for it: for the tests that keep it on
 * its index, and for operators (docs/performance.md).
 */
export async function explainCategoryThreads(deps: Deps, slug: string, query: ThreadListQuery, pinned = false): Promise<unknown> {
  const category = await getCategoryRowBySlug(deps.db, slug);
  const scope = and(
    eq(threads.categoryId, category.id),
    visibleThreads(false),
    query.filter === 'unanswered' ? awaitingStaffFilter() : undefined,
  );
  return explainThreadPage(deps.db, {
    where: and(scope, eq(threads.pinned, pinned)),
    sort: query.sort,
    cursor: query.cursor,
    limit: query.limit,
  });
}

/**
 * The latest activity across every board the reader can see (the home
 * page), from `threads_latest_idx` in its own order; pinned threads take no
 * precedence here.
 */
export async function listLatestThreads(deps: Deps, actor: Actor, limit: number): Promise<ThreadSummary[]> {
  const page = await findThreadPage(deps.db, {
    where: visibleThreads(threadListAudience(actor) === 'staff'),
    sort: 'latest',
    cursor: undefined,
    limit,
  });
  return page.threads;
}

/** The plan of the home page's latest activity as a guest reads it (tests, docs/performance.md). */
export async function explainLatestThreads(deps: Deps, limit: number): Promise<unknown> {
  return explainThreadPage(deps.db, { where: visibleThreads(false), sort: 'latest', cursor: undefined, limit });
}

/** A user's newest threads, for their profile. */
export async function listUserThreads(deps: Deps, actor: Actor, userId: number, limit = 20): Promise<ThreadSummary[]> {
  const page = await findThreadPage(deps.db, {
    where: and(eq(threads.authorId, userId), visibleThreads(isStaff(actor))),
    sort: 'newest',
    cursor: undefined,
    limit,
  });
  return page.threads;
}
