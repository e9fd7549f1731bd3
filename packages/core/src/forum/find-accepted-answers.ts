import type { UserAnswersResponse } from '@kakera/contracts';
import { isStaff, type Actor } from '../shared/actor.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import type { Deps } from '../shared/deps.ts';
import { findAcceptedAnswerRows } from './posts.repo.ts';

/**
 * A person's replies accepted as their thread's answer, newest first, for
 * their profile; keyset-paged. Readers see those in threads they may read
 * (staff see hidden ones too, as in thread lists); deleted posts never count.
 */
export async function findAcceptedAnswers(
  deps: Deps,
  actor: Actor,
  userId: number,
  query: { cursor?: string | undefined; limit: number },
): Promise<UserAnswersResponse> {
  const after = query.cursor ? (decodeCursor(query.cursor, ['string', 'number']) as [string, number]) : null;
  const rows = await findAcceptedAnswerRows(deps.db, userId, {
    staff: isStaff(actor),
    after: after ? { createdAt: new Date(after[0]), id: after[1] } : null,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    answers: page.map((r) => ({ postId: r.postId, thread: { id: r.threadId, title: r.title }, createdAt: r.createdAt.toISOString() })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.postId]) : null,
  };
}
