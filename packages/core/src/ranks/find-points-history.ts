import type { DbOrTx } from '@kakera/db';
import { findThreadIdsOfPosts } from '../forum/thread-reads.ts';
import { notFound } from '../shared/app-error.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import type { Deps } from '../shared/deps.ts';
import { findProfileOf } from './ranks-people.ts';
import { levelFor, nextLevelAt } from './level-policy.ts';
import { findBadgeRows, findLedgerPage } from './ranks.repo.ts';

const postOf = (source: string): number | null => {
  const m = /^(?:post|accepted):(\d+)$/.exec(source) ?? /^like:(\d+):\d+$/.exec(source);
  return m ? Number(m[1]) : null;
};

/** Where an award's source is on the site: the post in its thread, the issue. */
function urlOf(source: string, threadOf: Map<number, number>): string | null {
  const postId = postOf(source);
  if (postId !== null) {
    const threadId = threadOf.get(postId);
    return threadId ? `/t/${threadId}?post=${postId}#post-${postId}` : null;
  }
  const issue = /^issue:([A-Z][A-Z0-9]*-\d+)$/.exec(source);
  return issue ? `/issues/${issue[1]}` : null;
}

/** A person's points, newest first: every award and reversal, with why (public, like the profile). */
export async function findPointsHistory(deps: Deps, userId: number, query: { cursor?: string | undefined; limit: number }) {
  const person = await findProfileOf(deps.db, userId);
  if (!person) throw notFound('User');
  const before = query.cursor ? (decodeCursor(query.cursor, ['number'])[0] as number) : null;
  const rows = await findLedgerPage(deps.db, userId, before, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const threadOf = await findThreadIdsOfPosts(
    deps.db,
    page.map((r) => postOf(r.source)).filter((id): id is number => id !== null),
  );
  return {
    points: person.points,
    level: levelFor(person.points),
    nextLevelAt: nextLevelAt(person.points),
    entries: page.map((r) => ({
      id: r.id,
      reason: r.reason,
      source: r.source,
      points: r.points,
      url: urlOf(r.source, threadOf),
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor: rows.length > query.limit ? encodeCursor([page[page.length - 1]!.id]) : null,
  };
}

/** A person's badges, oldest first, with when and why. */
export async function findBadges(db: DbOrTx, userId: number) {
  const rows = await findBadgeRows(db, userId);
  return rows.map((r) => ({
    badge: r.badge as 'first_post' | 'first_accepted_answer' | 'bug_hunter' | 'adopted',
    source: r.source,
    reason: r.reason,
    awardedAt: r.awardedAt.toISOString(),
  }));
}
