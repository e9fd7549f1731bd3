import type { SearchQuery, SearchResponse, SearchResult } from '@kakera/contracts';
import { isStaff, type Actor } from '../shared/actor.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import type { Deps } from '../shared/deps.ts';
import { addDays, startOfLocalDay } from '../shared/local-days.ts';
import { toUserRef } from '../users/user-reads.ts';
import { findDocumentPage, type FoundRow, type PageOptions } from './search.repo.ts';
import { findHighlights, makeSnippet } from './search-snippet.ts';
import { parseQuery, type QueryPart } from './search-tokens.ts';
import { toTsquery } from './search-vector.ts';

export type SearchInput = SearchQuery & { timeZone: string };

/**
 * Full-text search over titles and posts (product.md, "The forum"): every
 * word of `q` must be found — English words by stem, Japanese and Chinese
 * words as adjacent characters (search-tokens.ts) — in posts the reader may
 * read: fans and guests never find hidden threads nor deleted or hidden
 * posts; staff do, marked `hidden`. Title matches first, then the newest;
 * keyset-paged. Snippets are plain text with the matches as ranges.
 */
export async function searchPosts(deps: Deps, actor: Actor, input: SearchInput): Promise<SearchResponse> {
  const prepared = toPageOptions(actor, input);
  if (!prepared) return { results: [], nextCursor: null };
  const { options, parts } = prepared;
  const rows = await findDocumentPage(deps.db, options);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    // The index's own visibility columns decide what is found; reading the forum's rows again for the page is a
    // second lock on the door, for a change that reached the forum without reaching the index.
    results: page.filter((r) => options.staff || r.readable).map((r) => toResult(r, parts)),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.title_match ? 1 : 0, last.cursor_at, last.post_id]) : null,
  };
}

/** The query for a page of `input` as `actor` may see it; null when it asks for nothing (only common words). */
export function toPageOptions(actor: Actor, input: SearchInput): { options: PageOptions; parts: QueryPart[] } | null {
  const parts = parseQuery(input.q);
  const query = toTsquery(parts);
  if (!query) return null;
  let after: PageOptions['after'];
  if (input.cursor) {
    const [t, createdAt, postId] = decodeCursor(input.cursor, ['number', 'string', 'number']) as [number, string, number];
    after = { titleMatch: t === 1, createdAt, postId };
  }
  const options: PageOptions = {
    query,
    staff: isStaff(actor),
    categorySlug: input.category,
    kind: input.kind,
    authorId: input.author,
    solved: input.solved === undefined ? undefined : input.solved === 'true',
    from: input.from ? startOfLocalDay(input.from, input.timeZone) : undefined,
    until: input.to ? startOfLocalDay(addDays(input.to, 1), input.timeZone) : undefined,
    after,
    limit: input.limit + 1,
  };
  return { options, parts };
}

const iso = (d: Date | string) => new Date(d).toISOString();

function toResult(r: FoundRow, parts: QueryPart[]): SearchResult {
  const title = r.title ?? '';
  const snippet = makeSnippet(r.body, parts);
  return {
    threadId: r.thread_id,
    postId: r.post_id,
    position: r.position,
    title,
    titleHighlights: findHighlights(title, parts),
    snippet: snippet.text,
    highlights: snippet.highlights,
    titleMatch: r.title_match,
    kind: r.thread_kind,
    category: { id: r.category_id, slug: r.category_slug ?? '', name: r.category_name ?? '' },
    author: r.author ? toUserRef(r.author) : { id: r.author_id, name: '', role: 'fan', level: 1, team: null },
    createdAt: iso(r.created_at),
    solved: r.solved,
    hidden: r.hidden,
  };
}
