import type { TextRange } from '@kakera/contracts';
import { searchTokens, type QueryPart, type SearchToken } from './search-tokens.ts';

/**
 * Highlights and snippets, as plain text plus the ranges to mark: never
 * HTML. The page renders the text between and inside the ranges as text, so
 * whatever a post or a query holds (`<script>`, `&lt;`) stays inert.
 */

/** Where the query's parts occur in `text`: [start, end) in UTF-16 code units, in order, merged where they overlap. */
export function findHighlights(text: string, parts: readonly QueryPart[]): TextRange[] {
  if (!parts.length || !text) return [];
  const tokens = searchTokens(text);
  const found: TextRange[] = [];
  const words = new Set(parts.flatMap((p) => (p.kind === 'term' ? [p.term] : [])));
  const prefixes = parts.flatMap((p) => (p.kind === 'prefix' ? [p.term] : []));
  const phrases = parts.flatMap((p) => (p.kind === 'phrase' ? [p.terms] : []));
  tokens.forEach((t, i) => {
    if (words.has(t.term) || prefixes.some((p) => t.term.startsWith(p))) found.push({ start: t.start, end: t.end });
    for (const phrase of phrases) {
      if (phraseAt(tokens, i, phrase)) found.push({ start: t.start, end: tokens[i + phrase.length - 1]!.end });
    }
  });
  return merge(found);
}

function phraseAt(tokens: readonly SearchToken[], i: number, phrase: readonly string[]): boolean {
  const first = tokens[i]!;
  return phrase.every((term, k) => {
    const t = tokens[i + k];
    return t !== undefined && t.term === term && t.run === first.run;
  });
}

function merge(ranges: TextRange[]): TextRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

const ELLIPSIS = '…';

/**
 * A window of `text` of about `max` characters around the first match (the
 * start when nothing matches), with "…" where it was cut, and the highlights
 * that fall inside it, relative to the window's text.
 */
export function makeSnippet(text: string, parts: readonly QueryPart[], max = 240): { text: string; highlights: TextRange[] } {
  const all = findHighlights(text, parts);
  if (text.length <= max) return { text, highlights: all };
  const first = all[0];
  // Some context before the first match, starting at a word boundary when one is near.
  let start = first ? Math.max(0, first.start - Math.floor(max / 4)) : 0;
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && first && space < first.start && space - start < 20) start = space + 1;
  }
  let end = Math.min(text.length, start + max);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + max / 2 && (!first || space >= first.end)) end = space;
  }
  // Never cut a surrogate pair in two, and start and end on text, not on a space.
  if (isLowSurrogate(text.charCodeAt(start))) start--;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  const lead = start > 0 ? ELLIPSIS : '';
  const shift = lead.length - start;
  const highlights = all
    .filter((r) => r.end > start && r.start < end)
    .map((r) => ({ start: Math.max(r.start, start) + shift, end: Math.min(r.end, end) + shift }));
  return { text: lead + text.slice(start, end) + (end < text.length ? ELLIPSIS : ''), highlights };
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
