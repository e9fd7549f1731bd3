import { sql } from 'drizzle-orm';
import type { Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { issueVotedBySql } from '../tracker/issue-reads.ts';
import { findReaderMarks } from './posts.repo.ts';
import { NO_THREAD_PAGE_MARKS, type ThreadPageFacts, type ThreadPageMarks } from './thread-page-view.ts';

/**
 * What `actor` did on a thread page (the posts they liked, their vote for
 * the thread's issue), in one statement of index probes; nothing to read for
 * a guest, nor for a page with no posts and no issue.
 */
export async function findThreadPageMarks(deps: Pick<Deps, 'db'>, actor: Actor, facts: ThreadPageFacts): Promise<ThreadPageMarks> {
  if (actor.kind !== 'user' || (facts.posts.length === 0 && !facts.issue)) return NO_THREAD_PAGE_MARKS;
  const marks = await findReaderMarks(
    deps.db,
    actor.id,
    facts.posts.map((p) => p.id),
    facts.issue ? issueVotedBySql(facts.issue.key, actor.id) : sql<boolean>`false`,
  );
  return { liked: new Set(marks.liked), voted: marks.voted };
}
