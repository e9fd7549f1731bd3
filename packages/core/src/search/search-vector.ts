import { searchTokens, splitPhrases, type QueryPart } from './search-tokens.ts';

/**
 * The index's `tsvector` and the searches' `tsquery`, written as the types'
 * literal text from our own terms (search-tokens.ts) and cast in SQL: no
 * PostgreSQL parser or dictionary touches them, so PGlite and PostgreSQL,
 * whatever their locale, store and match the same terms.
 */

// PostgreSQL keeps positions 1…16383 and at most 256 positions per term.
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_TERM = 256;

const quote = (term: string) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The document's terms with their positions: the title's first (weight A; a
 * search tells a title match by the title's own terms, `title_terms`), then
 * the body's. A CJK run's pairs sit
 * at adjacent positions, which is what a phrase query asks for.
 */
export function toTsvector(title: string | null, body: string): string {
  const positions = new Map<string, string[]>();
  let pos = 0;
  const add = (text: string, weight: string) => {
    for (const t of searchTokens(text)) {
      pos = Math.min(pos + 1, MAX_POSITION);
      const list = positions.get(t.term) ?? [];
      if (list.length < MAX_POSITIONS_PER_TERM) list.push(`${pos}${weight}`);
      positions.set(t.term, list);
    }
  };
  if (title) add(title, 'A');
  // A gap, so that the title's last pair and the body's first are never a phrase.
  pos = Math.min(pos + 1, MAX_POSITION);
  add(body, '');
  return [...positions].map(([term, list]) => `${quote(term)}:${list.join(',')}`).join(' ');
}

/**
 * The query for the parts: all of them (`all`) or any (`any`, for "similar
 * titles"). Null when the query has nothing to search for (only common
 * words, punctuation).
 */
export function toTsquery(parts: readonly QueryPart[], opts: { mode?: 'all' | 'any' } = {}): string | null {
  if (!parts.length) return null;
  const one = (p: QueryPart) => {
    if (p.kind === 'term') return quote(p.term);
    if (p.kind === 'prefix') return `${quote(p.term)}:*`;
    return `(${p.terms.map(quote).join(' <-> ')})`;
  };
  if (opts.mode !== 'any') return parts.map(one).join(' & ');
  // Any pair of a phrase counts on its own: a title sharing 電池 with 電池が熱い is a candidate.
  return splitPhrases(parts).map(one).join(' | ');
}
