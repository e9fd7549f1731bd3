import { and, eq } from 'drizzle-orm';
import type { ThreadListQuery, ThreadSummary } from '@kakera/contracts';
import { threads } from '@kakera/db';
import { getCategoryRowBySlug } from '../categories/find-categories.ts';
import { isStaff, type Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { awaitingStaffFilter, findThreadPage, visibleThreads } from './threads.repo.ts';

/** A board's threads, sorted and keyset-paged; `unanswered` keeps those awaiting staff. */
export async function listCategoryThreads(deps: Deps, actor: Actor, slug: string, query: ThreadListQuery) {
  const category = await getCategoryRowBySlug(deps.db, slug);
  return findThreadPage(deps.db, {
    where: and(
      eq(threads.categoryId, category.id),
      visibleThreads(isStaff(actor)),
      query.filter === 'unanswered' ? awaitingStaffFilter() : undefined,
    ),
    sort: query.sort,
    cursor: query.cursor,
    limit: query.limit,
  });
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
