import { z } from 'zod';
import { Cursor, Id, IsoDateTime, Limit, Role } from './common.ts';
import { UserRef } from './users.ts';
import { IssueBadge } from './issues.ts';
import { Attachment, AttachmentIds } from './attachments.ts';

export const ThreadKind = z.enum(['discussion', 'question', 'bug', 'suggestion']);
export type ThreadKind = z.infer<typeof ThreadKind>;

const field = (max: number) => z.string().trim().max(max).optional();
/** The structured part of a bug report. All optional; the UI prompts for them. */
export const BugReport = z.object({
  device: field(120),
  softwareVersion: field(80),
  stepsToReproduce: field(5000),
  expected: field(2000),
  actual: field(2000),
});
export type BugReport = z.infer<typeof BugReport>;

export const Body = z.string().trim().min(1).max(50_000);

export const CreateThreadBody = z.object({
  categoryId: Id,
  title: z.string().trim().min(3).max(160),
  body: Body,
  kind: ThreadKind.default('discussion'),
  report: BugReport.optional(),
  /** Uploads (POST /api/attachments) to put on the opening post. */
  attachmentIds: AttachmentIds.optional(),
});
export type CreateThreadBody = z.infer<typeof CreateThreadBody>;

export const CreatePostBody = z.object({ body: Body, attachmentIds: AttachmentIds.optional() });
export type CreatePostBody = z.infer<typeof CreatePostBody>;
export const EditPostBody = z.object({ body: Body });

export const ThreadSort = z.enum(['latest', 'newest', 'top']);
export type ThreadSort = z.infer<typeof ThreadSort>;
export const ThreadListQuery = z.object({
  sort: ThreadSort.default('latest'),
  filter: z.enum(['unanswered']).optional(),
  cursor: Cursor,
  limit: Limit,
});
export type ThreadListQuery = z.infer<typeof ThreadListQuery>;

export const ThreadSummary = z.object({
  id: z.number().int(),
  title: z.string(),
  kind: ThreadKind,
  categoryId: z.number().int(),
  author: UserRef,
  replyCount: z.number().int(),
  likeCount: z.number().int(),
  solved: z.boolean(),
  pinned: z.boolean(),
  locked: z.boolean(),
  /** Hidden by staff: only staff list hidden threads, so only they ever see `true` (the "Hidden" badge). */
  hidden: z.boolean(),
  createdAt: IsoDateTime,
  lastActivityAt: IsoDateTime,
  awaitingStaff: z.boolean(),
});
export type ThreadSummary = z.infer<typeof ThreadSummary>;
export const ThreadListResponse = z.object({ threads: z.array(ThreadSummary), nextCursor: z.string().nullable() });

/** `GET /api/threads`: the latest activity across every board (the home page). */
export const LatestThreadsQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) });
export const LatestThreadsResponse = z.object({ threads: z.array(ThreadSummary) });

export const ObligationState = z.enum(['open', 'warned', 'breached', 'met', 'no_response_needed', 'cancelled']);
export const ThreadObligation = z.object({
  id: z.number().int(),
  state: ObligationState,
  openedAt: IsoDateTime,
  /** From here the state is `warned` (two thirds of the target). */
  warnAt: IsoDateTime,
  dueAt: IsoDateTime,
  respondedAt: IsoDateTime.nullable(),
  targetSeconds: z.number().int(),
});
export type ThreadObligation = z.infer<typeof ThreadObligation>;

/**
 * What the reader may do with a post, decided by the server (core's
 * post-policy.ts) for whoever receives it; pages show exactly these.
 */
export const PostCan = z.object({
  edit: z.boolean(),
  delete: z.boolean(),
  like: z.boolean(),
  /** Mark this reply as the accepted answer (or take that back). */
  accept: z.boolean(),
  /** Read its earlier versions. */
  viewRevisions: z.boolean(),
  /** Flag it for staff (spam, abuse…): someone else's live post. */
  flag: z.boolean(),
  /** Staff: hide it, or show it again (`hidden` says which). */
  hide: z.boolean(),
});
export type PostCan = z.infer<typeof PostCan>;

export const Post = z.object({
  id: z.number().int(),
  threadId: z.number().int(),
  /** The post's number in its thread, 1 = the opening post. Gap-free; deleted and hidden posts keep theirs. */
  position: z.number().int(),
  /** Markdown source; empty for readers who may not see a deleted or hidden post. */
  body: z.string(),
  /** Safe HTML rendered from `body`. */
  html: z.string(),
  kind: z.enum(['post', 'system']),
  author: UserRef,
  authorRoleAtPost: Role,
  createdAt: IsoDateTime,
  editedAt: IsoDateTime.nullable(),
  deleted: z.boolean(),
  hidden: z.boolean(),
  likeCount: z.number().int(),
  likedByMe: z.boolean(),
  accepted: z.boolean(),
  /** Its files; empty for readers who may not see a deleted or hidden post. */
  attachments: z.array(Attachment),
  can: PostCan,
});
export type Post = z.infer<typeof Post>;

/** What the reader may do in a thread, decided by the server (core's thread-policy.ts). */
export const ThreadCan = z.object({
  reply: z.boolean(),
  /** Mark a reply as the accepted answer (each post's `can.accept` says which). */
  acceptAnswer: z.boolean(),
  /** Answer "did this solve your problem?" (the author, once staff have replied). */
  answerResolution: z.boolean(),
  /** Staff tools: hide and unhide, and close the response obligation. */
  moderate: z.boolean(),
});
export type ThreadCan = z.infer<typeof ThreadCan>;

/**
 * Public facts about a thread that decide what a reader may do in it, sent
 * with live posts so that the server can word `can` for each receiver.
 */
export const ThreadFacts = z.object({
  id: z.number().int(),
  authorId: z.number().int(),
  kind: ThreadKind,
  locked: z.boolean(),
  /** A public staff reply exists (the author may then answer the resolution prompt). */
  staffReplied: z.boolean(),
});
export type ThreadFacts = z.infer<typeof ThreadFacts>;

export const Thread = z.object({
  id: z.number().int(),
  title: z.string(),
  kind: ThreadKind,
  categoryId: z.number().int(),
  category: z.object({ id: z.number().int(), slug: z.string(), name: z.string(), slaTargetSeconds: z.number().int() }),
  author: UserRef,
  solved: z.boolean(),
  acceptedPostId: z.number().int().nullable(),
  /** The author's answer to "did this solve your problem?": null until answered. */
  resolution: z.enum(['yes', 'no']).nullable(),
  issueKey: z.string().nullable().optional(),
  /** The issue this thread is linked to: its badge (key, status, votes, vote button). */
  issue: IssueBadge.nullable(),
  report: BugReport.nullable().optional(),
  obligation: ThreadObligation.nullable().optional(),
  locked: z.boolean(),
  pinned: z.boolean(),
  /** Hidden by staff (only staff can read a hidden thread, so only they ever see `true`). */
  hidden: z.boolean(),
  replyCount: z.number().int(),
  likeCount: z.number().int(),
  createdAt: IsoDateTime,
  lastActivityAt: IsoDateTime,
  can: ThreadCan,
});
export type Thread = z.infer<typeof Thread>;

/** Posts per thread page when the client does not say. */
export const THREAD_PAGE_SIZE = 50;
/**
 * A thread's posts are paged by number: page `page` holds positions
 * `(page - 1) * limit + 1` to `page * limit`. `post` (a post id) asks for the
 * page that holds that post instead, so a link to a post always lands on it.
 * The page cap keeps `page * limit` within a PostgreSQL integer.
 */
export const ThreadDetailQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(THREAD_PAGE_SIZE),
  post: Id.optional(),
});
export type ThreadDetailQuery = z.infer<typeof ThreadDetailQuery>;
export const ThreadDetailResponse = z.object({
  thread: Thread,
  posts: z.array(Post),
  /** The page shown (the one holding `post` when that was asked for). */
  page: z.number().int(),
  /** Pages of `limit` posts in the thread, at least 1. A page past it has no posts. */
  pageCount: z.number().int(),
  /** Posts per page (`limit`): post number n is on page ceil(n / perPage). */
  perPage: z.number().int(),
});
export const ThreadResponse = z.object({ thread: Thread });
export const PostResponse = z.object({ post: Post });

export const LikeResponse = z.object({ likeCount: z.number().int(), liked: z.boolean() });
export const AcceptBody = z.object({ postId: Id });
export const ResolutionBody = z.object({ solved: z.boolean() });

/** A person's replies accepted as the answer, newest first (their profile). */
export const UserAnswersQuery = z.object({ cursor: Cursor, limit: z.coerce.number().int().min(1).max(100).default(20) });
export const AcceptedAnswer = z.object({
  postId: z.number().int(),
  thread: z.object({ id: z.number().int(), title: z.string() }),
  createdAt: IsoDateTime,
});
export const UserAnswersResponse = z.object({ answers: z.array(AcceptedAnswer), nextCursor: z.string().nullable() });
export type UserAnswersResponse = z.infer<typeof UserAnswersResponse>;

export const Revision = z.object({ id: z.number().int(), body: z.string(), editedBy: UserRef, createdAt: IsoDateTime });
export const RevisionListResponse = z.object({ revisions: z.array(Revision) });

export const UserThreadsResponse = z.object({ threads: z.array(ThreadSummary) });
