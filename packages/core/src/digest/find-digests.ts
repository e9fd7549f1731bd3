import type { DigestListResponse } from '@kakera/contracts';
import type { Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { requireDigestReader } from './digest-policy.ts';
import { toDigestSummary } from './digest-view.ts';
import { findDigestRows } from './digests.repo.ts';

/** GET /api/digests: the archive, newest first, each with its headline figures. */
export async function findDigests(
  deps: Deps,
  actor: Actor,
  query: { cursor?: string | undefined; limit: number },
): Promise<DigestListResponse> {
  requireDigestReader(actor);
  const rows = await findDigestRows(deps.db, query.cursor, query.limit + 1);
  const page = rows.slice(0, query.limit);
  return { digests: page.map(toDigestSummary), nextCursor: rows.length > query.limit ? page[page.length - 1]!.date : null };
}
