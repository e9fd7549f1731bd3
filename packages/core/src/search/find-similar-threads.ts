import type { SimilarThread } from '@kakera/contracts';
import type { Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { findSimilarTitles } from './search.repo.ts';
import { findHighlights } from './search-snippet.ts';
import { parseQuery, splitPhrases, termSet, type TermPart } from './search-tokens.ts';
import { toTsquery } from './search-vector.ts';

/** Below this share of terms in common, a title is not shown as similar. */
const MIN_SIMILARITY = 0.1;
/** Candidates ranked by the index's rank, before the finer ranking here. */
const CANDIDATES = 50;

/**
 * The threads whose titles are most like `title`, as a fan types it on the
 * new-thread form, so that they read what was already said before posting.
 * The same terms as search (CJK pairs included); any of them may match, the
 * last word as the prefix of one; ranked by the share of terms in common.
 * Hidden threads never.
 */
export async function findSimilarThreads(deps: Deps, _actor: Actor, title: string, limit = 5): Promise<SimilarThread[]> {
  const parts = splitPhrases(parseQuery(title, { prefixLast: true }));
  const query = toTsquery(parts, { mode: 'any' });
  if (!query) return [];
  const rows = await findSimilarTitles(deps.db, query, CANDIDATES);
  return rows
    .map((r) => ({ r, title: r.title ?? '', score: similarity(parts, termSet(r.title ?? '')) }))
    .filter((c) => c.score >= MIN_SIMILARITY)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ r, title: t, score }) => ({
      threadId: r.thread_id,
      title: t,
      titleHighlights: findHighlights(t, parts),
      kind: r.thread_kind,
      solved: r.solved,
      createdAt: new Date(r.created_at).toISOString(),
      similarity: Math.round(score * 1000) / 1000,
    }));
}

/** Parts found in the title's terms over the parts and terms together (Jaccard). */
function similarity(parts: readonly TermPart[], terms: ReadonlySet<string>): number {
  if (!parts.length || !terms.size) return 0;
  let shared = 0;
  for (const p of parts) {
    const hit = p.kind === 'prefix' ? [...terms].some((t) => t.startsWith(p.term)) : terms.has(p.term);
    if (hit) shared++;
  }
  return shared / (parts.length + terms.size - shared);
}
