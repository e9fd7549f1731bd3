/**
 * Tokens for "is this about the same thing?" between short texts (issue
 * titles), in English, Japanese and Chinese alike: Latin words lower-cased
 * (with a plural `s` dropped), and for CJK text every pair of adjacent
 * characters — there are no spaces between words, and most words there are
 * two characters long, so bigrams match words without a dictionary. A lone
 * CJK character (a one-character run) counts as itself.
 */
export function similarityTokens(text: string): string[] {
  const out = new Set<string>();
  const norm = text.normalize('NFKC').toLowerCase();
  for (const m of norm.matchAll(RUNS)) {
    const run = m[0];
    if (CJK_START.test(run)) {
      const chars = [...run];
      if (chars.length === 1) out.add(chars[0]!);
      for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
    } else if (run.length > 1 && !STOP.has(run)) {
      out.add(run.length > 3 && run.endsWith('s') && !run.endsWith('ss') ? run.slice(0, -1) : run);
    }
  }
  return [...out];
}

/** Jaccard similarity of two token sets: shared / all. */
export function similarity(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  const sb = new Set(b);
  let shared = 0;
  for (const t of new Set(a)) if (sb.has(t)) shared++;
  return shared / new Set([...a, ...b]).size;
}

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー`;
// A run of CJK characters, or of other letters and digits.
const RUNS = new RegExp(String.raw`[${CJK}]+|(?:(?![${CJK}])[\p{L}\p{N}])+`, 'gu');
const CJK_START = new RegExp(String.raw`^[${CJK}]`, 'u');

// Words too common to say two titles are alike.
const STOP = new Set(
  'the a an and or of to in on at for with is are was be it its my i me we you not no when after before from by as this that does do cannot can t'.split(
    ' ',
  ),
);
