import type { Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { explainDocumentPage } from './search.repo.ts';
import { toPageOptions, type SearchInput } from './search-posts.ts';

/**
 * PostgreSQL's plan for the page `searchPosts` would read (EXPLAIN, JSON;
 * with `analyze`, as run, with timings): for the test that the GIN index is
 * used, and for docs/performance.md.
 */
export async function explainSearch(deps: Deps, actor: Actor, input: SearchInput, analyze = false): Promise<unknown> {
  const prepared = toPageOptions(actor, input);
  if (!prepared) return null;
  return explainDocumentPage(deps.db, prepared.options, analyze);
}
