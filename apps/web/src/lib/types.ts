import type { z } from 'zod';
import type * as C from '@kakera/contracts';

export type { Category, Me, Post, Role, Thread, ThreadKind, ThreadSummary, UserProfile, UserRef } from '@kakera/contracts';
export type CategoryList = z.infer<typeof C.CategoryListResponse>;
export type CategoryResponse = z.infer<typeof C.CategoryResponse>;
export type ThreadList = z.infer<typeof C.ThreadListResponse>;
export type ThreadDetail = z.infer<typeof C.ThreadDetailResponse>;
export type ThreadResponse = z.infer<typeof C.ThreadResponse>;
export type PostResponse = z.infer<typeof C.PostResponse>;
export type LikeResponse = z.infer<typeof C.LikeResponse>;
export type MeResponse = z.infer<typeof C.MeResponse>;
export type UserThreads = z.infer<typeof C.UserThreadsResponse>;
export type AdminUser = z.infer<typeof C.AdminUser>;
export type UserList = z.infer<typeof C.UserListResponse>;
export type Revision = z.infer<typeof C.Revision>;
export type RevisionList = z.infer<typeof C.RevisionListResponse>;
export type ThreadObligation = z.infer<typeof C.ThreadObligation>;
export type Responsiveness = z.infer<typeof C.ResponsivenessResponse>;

/** GET /api/search; not yet in the contracts package, shaped as product.md says. */
export interface SearchResults {
  results: { threadId: number; postId?: number | null; title: string; snippet: string }[];
  nextCursor: string | null;
}
