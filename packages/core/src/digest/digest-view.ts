import type { Digest, DigestContent, DigestSummary } from '@kakera/contracts';
import type { DigestRow } from './digests.repo.ts';

/** A stored digest as the API sends it. */
export function toDigest(row: DigestRow, can: Digest['can']): Digest {
  const content = row.content as DigestContent;
  return { ...content, date: row.date, timeZone: row.timeZone, generatedAt: row.generatedAt.toISOString(), can };
}

export function toDigestSummary(row: DigestRow): DigestSummary {
  return { date: row.date, generatedAt: row.generatedAt.toISOString(), figures: (row.content as DigestContent).figures };
}
