import type { Post } from '@kakera/contracts';
import type { posts } from '@kakera/db';
import { toUserRef } from '../users/user-view.ts';

type PostRow = typeof posts.$inferSelect;
type AuthorRow = { id: number; name: string; role: 'fan' | 'staff' | 'executive' | 'admin'; points: number };

/** A post as a reader sees it: deleted and hidden posts keep their place but not their words, except for staff. */
export function toPost(
  p: PostRow,
  author: AuthorRow,
  opts: { staffViewer: boolean; likedByMe: boolean; acceptedPostId: number | null },
): Post {
  const gone = p.deletedAt !== null || p.hiddenAt !== null;
  const show = !gone || opts.staffViewer;
  return {
    id: p.id,
    threadId: p.threadId,
    position: p.position,
    body: show ? p.body : '',
    html: show ? p.html : '',
    kind: p.kind,
    author: toUserRef(author),
    authorRoleAtPost: p.authorRole,
    createdAt: p.createdAt.toISOString(),
    editedAt: p.editedAt?.toISOString() ?? null,
    deleted: p.deletedAt !== null,
    hidden: p.hiddenAt !== null,
    likeCount: p.likeCount,
    likedByMe: opts.likedByMe,
    accepted: opts.acceptedPostId === p.id,
  };
}
