import { sql } from 'drizzle-orm';
import type { IssueSummary } from '@kakera/contracts';
import { issues } from '@kakera/db';
import { similarity, similarityTokens } from '../search/similarity-tokens.ts';
import type { Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { toIssueSummaries } from './issue-view.ts';

/**
 * The issues whose titles are most like `title` — English words or Japanese
 * and Chinese character pairs in common (search/similarity-tokens.ts) —
 * most similar first: so that staff link a duplicate instead of creating it.
 * Candidates come from the GIN index on the title tokens.
 */
export async function findSimilarIssues(
  deps: Deps,
  actor: Actor,
  title: string,
  limit = 5,
): Promise<(IssueSummary & { similarity: number })[]> {
  const tokens = similarityTokens(title);
  if (!tokens.length) return [];
  const candidates = await deps.db
    .select()
    .from(issues)
    .where(sql`${issues.titleTokens} && ${`{${tokens.map((t) => `"${t.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`)
    .limit(500);
  const ranked = candidates
    .map((row) => ({ row, score: similarity(tokens, row.titleTokens) }))
    .filter((c) => c.score >= 0.15)
    .sort((a, b) => b.score - a.score || b.row.voteCount - a.row.voteCount)
    .slice(0, limit);
  const summaries = await toIssueSummaries(
    deps.db,
    ranked.map((c) => c.row),
    actor,
    deps.clock.now(),
  );
  return summaries.map((s, i) => ({ ...s, similarity: Math.round(ranked[i]!.score * 1000) / 1000 }));
}
