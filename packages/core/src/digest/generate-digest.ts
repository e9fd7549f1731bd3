import { createHash } from 'node:crypto';
import type { Digest } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import type { Actor } from '../shared/actor.ts';
import { invalid } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { localDate } from '../shared/local-days.ts';
import { computeDigestContent } from './compute-digest.ts';
import { requireDigestReader } from './digest-policy.ts';
import { toDigest } from './digest-view.ts';
import { upsertDigest, type DigestRow } from './digests.repo.ts';

/**
 * Computes and stores the digest of local day `date` in `timeZone`
 * (idempotent: the same history gives the same content, and then the stored
 * one, `generatedAt` included, is kept). For the job (inside its
 * transaction), the command line and the API.
 */
export async function storeDigest(
  db: DbOrTx,
  input: { date: string; timeZone: string; now: Date },
): Promise<{ row: DigestRow; changed: boolean }> {
  const content = await computeDigestContent(db, input);
  const contentHash = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  return upsertDigest(db, { date: input.date, timeZone: input.timeZone, content, contentHash, generatedAt: input.now });
}

/** Only whole days: today's digest would change all day long. */
export function checkDigestDate(date: string, timeZone: string, now: Date): void {
  if (date >= localDate(now, timeZone)) {
    throw invalid([{ path: 'date', message: 'A digest covers a day that is over: use a date before today' }]);
  }
}

/** POST /api/digests/:date/generate, `npm run digest`: (re)generates one date, executives and admins only. */
export async function generateDigest(deps: Deps, actor: Actor, input: { date: string; timeZone: string }): Promise<Digest> {
  const now = deps.clock.now();
  checkDigestDate(input.date, input.timeZone, now);
  requireDigestReader(actor);
  const { row } = await deps.db.transaction((tx) => storeDigest(tx, { ...input, now }));
  return toDigest(row, { generate: true });
}
