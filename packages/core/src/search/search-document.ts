import type { SearchSourceRow } from '../forum/search-reads.ts';
import { markdownToText } from '../markdown/markdown-text.ts';
import type { DocumentRow } from './search.repo.ts';
import { toTsvector } from './search-vector.ts';

/** A post as the index holds it: its words as plain text, and their terms (the title's too, on the opening post). */
export function toDocument(src: SearchSourceRow): DocumentRow {
  const body = markdownToText(src.body);
  const title = src.position === 1 ? src.title : null;
  return {
    postId: src.post_id,
    threadId: src.thread_id,
    categoryId: src.category_id,
    threadKind: src.thread_kind,
    authorId: src.author_id,
    opening: src.position === 1,
    position: src.position,
    createdAt: new Date(src.created_at),
    threadHidden: src.thread_hidden,
    postHidden: src.post_hidden,
    body,
    terms: toTsvector(title, body),
    titleTerms: title ? toTsvector(title, '') : null,
  };
}
