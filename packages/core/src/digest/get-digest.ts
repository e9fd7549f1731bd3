import type { Digest } from '@kakera/contracts';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { requireDigestReader } from './digest-policy.ts';
import { toDigest } from './digest-view.ts';
import { findDigestRow } from './digests.repo.ts';

/** GET /api/digests/:date: the stored digest of a date (not found until it is generated). */
export async function getDigest(deps: Deps, actor: Actor, date: string): Promise<Digest> {
  requireDigestReader(actor);
  const row = await findDigestRow(deps.db, date);
  if (!row) throw notFound('Digest');
  return toDigest(row, { generate: true });
}
