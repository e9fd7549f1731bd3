import type { Flag } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import { findPostSummaries } from '../forum/post-reads.ts';
import { findUserRefs } from '../users/find-user-refs.ts';
import type { FlagRow } from './flags.repo.ts';

/** Flags as the staff queue shows them: with the post's thread, author and first words, and who flagged and settled. */
export async function toFlags(db: DbOrTx, rows: FlagRow[]): Promise<Flag[]> {
  const posts = await findPostSummaries(db, [...new Set(rows.map((r) => r.postId))]);
  const people = await findUserRefs(db, [
    ...rows.flatMap((r) => [r.reporterId, r.settledBy]),
    ...[...posts.values()].map((p) => p.authorId),
  ]);
  return rows.flatMap((r) => {
    const post = posts.get(r.postId);
    const reporter = people.get(r.reporterId);
    const author = post && people.get(post.authorId);
    if (!post || !reporter || !author) return [];
    return [
      {
        id: r.id,
        reason: r.reason,
        note: r.note,
        status: r.status,
        createdAt: r.createdAt.toISOString(),
        reporter,
        settledAt: r.settledAt?.toISOString() ?? null,
        settledBy: (r.settledBy !== null && people.get(r.settledBy)) || null,
        post: {
          id: post.id,
          threadId: post.threadId,
          threadTitle: post.threadTitle,
          position: post.position,
          author,
          excerpt: post.excerpt,
          hidden: post.hidden,
          deleted: post.deleted,
        },
      },
    ];
  });
}
