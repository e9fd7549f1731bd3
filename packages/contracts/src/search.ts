import { z } from 'zod';
import { Cursor, Id, IsoDateTime, Limit } from './common.ts';
import { LocalDate } from './sla.ts';
import { ThreadKind } from './threads.ts';
import { UserRef } from './users.ts';

/** A stretch of a text to highlight: [start, end) in UTF-16 code units (JavaScript string indices). */
export const TextRange = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });
export type TextRange = z.infer<typeof TextRange>;

export const SearchQuery = z
  .object({
    /** Words to find, all of them: English by stem, Japanese and Chinese by adjacent characters. None: no results. */
    q: z.string().trim().max(200).default(''),
    /** A board's slug. */
    category: z.string().trim().min(1).max(50).optional(),
    kind: ThreadKind.optional(),
    /** Posts by this user. */
    author: Id.optional(),
    /** Only threads that are solved (`true`) or not (`false`). */
    solved: z.enum(['true', 'false']).optional(),
    /** Posts written from this local day (in TZ) … */
    from: LocalDate.optional(),
    /** … to this one, inclusive. */
    to: LocalDate.optional(),
    cursor: Cursor,
    limit: Limit,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '`from` must not be after `to`', path: ['from'] });
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SearchResult = z.object({
  threadId: z.number().int(),
  /** The post found; the opening post (`position` 1) when the thread's title or first post matched. */
  postId: z.number().int(),
  position: z.number().int(),
  title: z.string(),
  titleHighlights: z.array(TextRange),
  /** Plain text (never HTML), a window of the post around the first match; `highlights` mark the matches in it. */
  snippet: z.string(),
  highlights: z.array(TextRange),
  /** The thread's title matched: these come first. */
  titleMatch: z.boolean(),
  kind: ThreadKind,
  category: z.object({ id: z.number().int(), slug: z.string(), name: z.string() }),
  /** With the level title or staff badge shown beside names everywhere. */
  author: UserRef,
  createdAt: IsoDateTime,
  solved: z.boolean(),
  /** For staff: found in a hidden thread, or a deleted or hidden post (others never find these). */
  hidden: z.boolean(),
});
export type SearchResult = z.infer<typeof SearchResult>;

/** Title matches first, then the newest; `nextCursor` null on the last page. */
export const SearchResponse = z.object({ results: z.array(SearchResult), nextCursor: z.string().nullable() });
export type SearchResponse = z.infer<typeof SearchResponse>;

export const SimilarThreadsQuery = z.object({
  /** A title as it is being typed: its last word may be unfinished. */
  title: z.string().trim().min(1).max(160),
  limit: z.coerce.number().int().min(1).max(10).default(5),
});
export type SimilarThreadsQuery = z.infer<typeof SimilarThreadsQuery>;

export const SimilarThread = z.object({
  threadId: z.number().int(),
  title: z.string(),
  titleHighlights: z.array(TextRange),
  kind: ThreadKind,
  solved: z.boolean(),
  createdAt: IsoDateTime,
  /** Terms in common over terms in either title (0…1). */
  similarity: z.number(),
});
export type SimilarThread = z.infer<typeof SimilarThread>;

export const SimilarThreadsResponse = z.object({ threads: z.array(SimilarThread) });
export type SimilarThreadsResponse = z.infer<typeof SimilarThreadsResponse>;
