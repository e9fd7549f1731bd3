import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/app-error.ts';
import { toPostAttachments } from '../attachments/attachment-reads.ts';
import type { Deps } from '../shared/deps.ts';
import { findPostInThread, findPostRange } from './posts.repo.ts';
import { postFacts, toSharedPost } from './post-view.ts';
import { threadPageAudience, type SharedThreadPage } from './thread-page-view.ts';
import { canReadThread } from './thread-policy.ts';
import { findSharedThread } from './thread-view.ts';

/**
 * A thread with one page of its posts as every reader of `actor`'s audience
 * reads it (`threadPageAudience`), without their own parts; not found for
 * readers who may not see the thread. Page `page` holds positions
 * `(page - 1) * limit + 1` to `page * limit`, so it is the same page for every
 * reader (deleted and hidden posts keep their place). With `post`, the page
 * that holds that post; a post of another thread is not found. A page past the
 * end is empty, with `pageCount` saying where the thread ends.
 */
export async function findSharedThreadPage(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  id: number,
  query: { page: number; limit: number; post?: number | undefined },
): Promise<SharedThreadPage> {
  // Two statements: the thread with everything around it, then the page of posts with their files.
  const found = await findSharedThread(deps, id);
  if (!found || !canReadThread(actor, found.row)) throw notFound('Thread');
  const { row, thread, facts } = found;
  const { limit } = query;
  let page = query.page;
  let pageCount = Math.max(1, Math.ceil(row.lastPosition / limit));
  if (query.post !== undefined) {
    const target = await findPostInThread(deps.db, id, query.post);
    if (!target) throw notFound('Post');
    page = Math.ceil(target.position / limit);
    // A reply that landed after the thread row was read may sit on a later page.
    pageCount = Math.max(pageCount, page);
  }
  const rows = page > pageCount ? [] : await findPostRange(deps.db, id, (page - 1) * limit + 1, page * limit);
  const audience = threadPageAudience(actor);
  return {
    thread,
    posts: rows.map((r) => toSharedPost(r.post, r.author, audience === 'staff', row, toPostAttachments(r.attachments))),
    page,
    pageCount,
    perPage: limit,
    facts: { ...facts, audience, posts: rows.map((r) => ({ id: r.post.id, ...postFacts(r.post) })) },
  };
}
