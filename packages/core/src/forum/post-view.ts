import type { Attachment, Post, ThreadFacts } from '@kakera/contracts';
import type { posts } from '@kakera/db';
import type { Actor } from '../shared/actor.ts';
import { isStaff } from '../shared/actor.ts';
import { toUserRef } from '../users/user-view.ts';
import { postCan, type PostAccessFacts } from './post-policy.ts';

type PostRow = typeof posts.$inferSelect;
export type AuthorRow = { id: number; name: string; role: 'fan' | 'staff' | 'executive' | 'admin'; points: number; team: string | null };

export const postFacts = (p: Pick<PostRow, 'authorId' | 'kind' | 'position' | 'deletedAt' | 'hiddenAt'>): PostAccessFacts => ({
  authorId: p.authorId,
  kind: p.kind,
  position: p.position,
  deleted: p.deletedAt !== null,
  hidden: p.hiddenAt !== null,
});

/** A post without what depends on its reader (`likedByMe`, `can`): the same for every reader of one audience. */
export type SharedPost = Omit<Post, 'likedByMe' | 'can'>;

/**
 * A post as every reader of an audience sees it: deleted and hidden posts
 * keep their place but not their words nor files, except for staff (`staff`).
 */
export function toSharedPost(
  p: PostRow,
  author: AuthorRow,
  staff: boolean,
  thread: { acceptedPostId: number | null },
  attachments: Attachment[] = [],
): SharedPost {
  const show = (p.deletedAt === null && p.hiddenAt === null) || staff;
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
    accepted: thread.acceptedPostId === p.id,
    attachments: show ? attachments : [],
  };
}

/**
 * A post as `viewer` sees it: deleted and hidden posts keep their place but
 * not their words, except for staff; `can` says what the viewer may do with it.
 */
export function toPost(
  p: PostRow,
  author: AuthorRow,
  viewer: Actor,
  thread: Pick<ThreadFacts, 'authorId' | 'kind'> & { acceptedPostId: number | null },
  likedByMe: boolean,
  attachments: Attachment[] = [],
): Post {
  return { ...toSharedPost(p, author, isStaff(viewer), thread, attachments), likedByMe, can: postCan(viewer, postFacts(p), thread) };
}
