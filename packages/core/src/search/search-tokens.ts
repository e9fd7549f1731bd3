import { stemmer } from 'stemmer';

/**
 * The search tokenizer, for Japanese, Chinese and English alike. PostgreSQL's
 * own parsers cannot be used: `to_tsvector('simple', …)` keeps a whole run of
 * CJK text ("電池が減る") as one word, and a trigram index needs three
 * characters, so neither finds a two-character word like 電池 through an
 * index. So the terms are made here and stored as a `tsvector` (search.repo.ts):
 *
 * - Japanese and Chinese are written without spaces and most of their words
 *   are two characters long, so every pair of adjacent CJK characters is a
 *   term (bigrams): 電池が減る → 電池 池が が減 減る. A longer word is a
 *   phrase of its pairs at adjacent positions; characters that are not next
 *   to each other never form a pair, so 電気の池 does not match 電池. A CJK
 *   character standing alone is a term by itself.
 * - Other letters and digits form words, lower-cased, English ones stemmed
 *   (Porter: drains, draining → drain); words too common to search for and
 *   one-letter words are left out.
 *
 * Text is compared after NFKC (full-width Ａ and half-width ｶ become A and カ)
 * and lower-casing, character by character, so each term keeps its offsets in
 * the text it came from: highlights point into the text as written.
 */

export interface SearchToken {
  /** The term as stored in the index. */
  term: string;
  /** Where it stands in the text, in UTF-16 code units: [start, end). */
  start: number;
  end: number;
  /** Which run of text it came from; a CJK run's pairs are consecutive tokens of one run. */
  run: number;
  cjk: boolean;
}

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー々〆ヶ`;
const CJK_CHAR = new RegExp(String.raw`^[${CJK}]$`, 'u');
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const ASCII_WORD = /^[a-z]+$/;
/** Longer "words" (a pasted hash, base64) are not worth a term, and PostgreSQL refuses lexemes over 2 KB. */
const MAX_WORD = 64;

// Words too common to search for (they would match nearly every post).
const STOP = new Set(
  (
    'a about above after again all am an and any are as at be because been before being below between both but by can cannot could ' +
    'did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it its ' +
    'itself just me more most my myself no nor not now of off on once only or other our ours out over own same she should so some such ' +
    'than that the their theirs them then there these they this those through to too under until up very was we were what when where ' +
    'which while who whom why will with would you your yours'
  ).split(' '),
);

interface Unit {
  ch: string;
  start: number;
  end: number;
}

/** Each character of `text`, compared form (NFKC, lower case), with where it stands. */
function units(text: string): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  for (const c of text) {
    const start = i;
    i += c.length;
    const code = c.charCodeAt(0);
    if (code < 0x80) {
      out.push({ ch: code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c, start, end: i });
      continue;
    }
    // One character may fold into several (㍻ → 平成, ﬁ → fi): each keeps the original's place.
    for (const f of c.normalize('NFKC').toLowerCase()) out.push({ ch: f, start, end: i });
  }
  return out;
}

type Run = { cjk: boolean; units: Unit[] };

function runs(text: string): Run[] {
  const out: Run[] = [];
  let current: Run | null = null;
  for (const u of units(text)) {
    const cjk = CJK_CHAR.test(u.ch);
    if (!cjk && !WORD_CHAR.test(u.ch)) {
      current = null;
      continue;
    }
    if (!current || current.cjk !== cjk) {
      current = { cjk, units: [] };
      out.push(current);
    }
    current.units.push(u);
  }
  return out;
}

/** The term for a word (a non-CJK run), or null when it is not worth searching for. */
export function wordTerm(word: string): string | null {
  if (word.length < 2 || word.length > MAX_WORD || STOP.has(word)) return null;
  return ASCII_WORD.test(word) ? stemmer(word) : word;
}

/** The tokens of a text, in order. */
export function searchTokens(text: string): SearchToken[] {
  const out: SearchToken[] = [];
  runs(text).forEach((r, run) => {
    const u = r.units;
    if (r.cjk) {
      if (u.length === 1) out.push({ term: u[0]!.ch, start: u[0]!.start, end: u[0]!.end, run, cjk: true });
      for (let i = 0; i + 1 < u.length; i++) {
        out.push({ term: u[i]!.ch + u[i + 1]!.ch, start: u[i]!.start, end: u[i + 1]!.end, run, cjk: true });
      }
      return;
    }
    const term = wordTerm(u.map((x) => x.ch).join(''));
    if (term) out.push({ term, start: u[0]!.start, end: u[u.length - 1]!.end, run, cjk: false });
  });
  return out;
}

/**
 * What a search asks for: every part must be found (AND). A word is a term; a
 * CJK run of two characters is one pair, a longer one the phrase of its pairs
 * (adjacent, in order); a lone CJK character, and with `prefixLast` the last
 * word (a title still being typed), match the terms they begin.
 */
export type QueryPart = { kind: 'term'; term: string } | { kind: 'phrase'; terms: string[] } | { kind: 'prefix'; term: string };

/** A part that is one term (or the prefix of one). */
export type TermPart = Exclude<QueryPart, { kind: 'phrase' }>;

export function parseQuery(q: string, opts: { prefixLast?: boolean } = {}): QueryPart[] {
  const parts: QueryPart[] = [];
  const seen = new Set<string>();
  const all = runs(q);
  all.forEach((r, i) => {
    let part: QueryPart | null = null;
    if (r.cjk) {
      const chars = r.units.map((u) => u.ch);
      if (chars.length === 1) part = { kind: 'prefix', term: chars[0]! };
      else if (chars.length === 2) part = { kind: 'term', term: chars.join('') };
      else part = { kind: 'phrase', terms: chars.slice(1).map((c, j) => chars[j]! + c) };
    } else {
      const term = wordTerm(r.units.map((u) => u.ch).join(''));
      // A word still being typed matches the terms it begins ("batt" → battery).
      if (term)
        part = opts.prefixLast && i === all.length - 1 && !/[\s\p{P}]$/u.test(q) ? { kind: 'prefix', term } : { kind: 'term', term };
    }
    if (!part) return;
    const key = JSON.stringify(part);
    if (!seen.has(key)) parts.push(part);
    seen.add(key);
  });
  return parts;
}

/** The parts with each phrase split into its pairs: for "any of these" matching, where every pair counts on its own. */
export function splitPhrases(parts: readonly QueryPart[]): TermPart[] {
  const split = parts.flatMap((p): TermPart[] => (p.kind === 'phrase' ? p.terms.map((term) => ({ kind: 'term' as const, term })) : [p]));
  return split.filter((p, i) => split.findIndex((o) => o.kind === p.kind && o.term === p.term) === i);
}

/** The distinct terms of a text, for "how alike are these titles". */
export function termSet(text: string): Set<string> {
  return new Set(searchTokens(text).map((t) => t.term));
}
