import type { Post, Thread } from '@kakera/contracts';
import { isStaff, type Actor } from '../shared/actor.ts';
import { postCan, type PostAccessFacts } from './post-policy.ts';
import type { SharedPost } from './post-view.ts';
import { threadReaderParts, type SharedThread, type ThreadReaderFacts } from './thread-view.ts';

/**
 * A thread page in two parts: what every reader of one audience sees alike
 * (`SharedThreadPage`, which the API keeps in memory), and each reader's own
 * part — the posts they liked, their vote for the thread's issue, and the
 * `can` flags the policies give them — worked out per request from the
 * shared page's facts (`threadPageReaderParts`) and what they did (`ThreadPageMarks`,
 * one statement: `findThreadPageMarks`).
 */

/**
 * Who reads a thread page alike: staff (who also read hidden threads, and
 * deleted and hidden posts' words and files), or everyone else, signed in or
 * not. Everything else that depends on the reader is their own part.
 */
export function threadPageAudience(actor: Actor): 'staff' | 'everyone' {
  return isStaff(actor) ? 'staff' : 'everyone';
}

/** What a reader's own part of a page is worked out from: the thread's and each post's facts, as the policies take them. */
export interface ThreadPageFacts extends ThreadReaderFacts {
  audience: 'staff' | 'everyone';
  /** The page's posts, in its order. */
  posts: (PostAccessFacts & { id: number })[];
}

/** A thread page as every reader of `facts.audience` reads it, without their own parts. */
export interface SharedThreadPage {
  thread: SharedThread;
  posts: SharedPost[];
  page: number;
  pageCount: number;
  perPage: number;
  /** Not sent: what each reader's part is worked out from. */
  facts: ThreadPageFacts;
}

/** What one reader did on a page: the posts of it they liked, and whether they voted for the thread's issue. */
export interface ThreadPageMarks {
  liked: ReadonlySet<number>;
  voted: boolean;
}
export const NO_THREAD_PAGE_MARKS: ThreadPageMarks = { liked: new Set(), voted: false };

/** A reader's own part of a thread page, post by post in the page's order. */
export interface ThreadPageReaderParts {
  thread: Pick<Thread, 'can' | 'issue'>;
  posts: Pick<Post, 'likedByMe' | 'can'>[];
}

/**
 * `actor`'s own part of a page read by their audience: the policies' answers
 * for them (thread-policy.ts, post-policy.ts, the tracker's vote) and their
 * marks. A page of another audience is refused: staff and the others never
 * share one.
 */
export function threadPageReaderParts(actor: Actor, facts: ThreadPageFacts, marks: ThreadPageMarks): ThreadPageReaderParts {
  if (facts.audience !== threadPageAudience(actor)) throw new Error(`A page read by ${facts.audience} is not for this reader`);
  return {
    thread: threadReaderParts(actor, facts, marks.voted),
    posts: facts.posts.map((p) => ({ likedByMe: marks.liked.has(p.id), can: postCan(actor, p, facts.thread) })),
  };
}

/** The shared page with one reader's parts: the answer of `GET /api/threads/:id`. */
export function joinThreadPage(
  shared: SharedThreadPage,
  parts: ThreadPageReaderParts,
): { thread: Thread; posts: Post[]; page: number; pageCount: number; perPage: number } {
  return {
    thread: { ...shared.thread, ...parts.thread },
    posts: shared.posts.map((p, i) => ({ ...p, ...parts.posts[i]! })),
    page: shared.page,
    pageCount: shared.pageCount,
    perPage: shared.perPage,
  };
}
