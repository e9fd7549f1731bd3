import { and, desc, eq, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { DigestFigures } from '@kakera/contracts';
import { digestEmails, digests, type DbOrTx } from '@kakera/db';

// Queries on `digests` and `digest_emails`, this module's tables.

export type DigestRow = typeof digests.$inferSelect;

/**
 * Stores a date's digest. An identical one (same content hash) is left as it
 * is, `generatedAt` included; a different one replaces it. Answers the row as
 * stored and whether this call changed it.
 */
export async function upsertDigest(
  tx: DbOrTx,
  values: { date: string; timeZone: string; content: unknown; contentHash: string; generatedAt: Date },
): Promise<{ row: DigestRow; changed: boolean }> {
  const [written] = await tx
    .insert(digests)
    .values(values)
    .onConflictDoUpdate({
      target: digests.date,
      set: { timeZone: values.timeZone, content: values.content, contentHash: values.contentHash, generatedAt: values.generatedAt },
      setWhere: sql`${digests.contentHash} is distinct from excluded.content_hash`,
    })
    .returning();
  if (written) return { row: written, changed: true };
  return { row: (await findDigestRow(tx, values.date))!, changed: false };
}

export async function findDigestRow(db: DbOrTx, date: string): Promise<DigestRow | undefined> {
  const [row] = await db.select().from(digests).where(eq(digests.date, date)).limit(1);
  return row;
}

/** Newest first, before `before` (a date) when given. */
export async function findDigestRows(db: DbOrTx, before: string | undefined, limit: number): Promise<DigestRow[]> {
  return db
    .select()
    .from(digests)
    .where(before ? lt(digests.date, before) : undefined)
    .orderBy(desc(digests.date))
    .limit(limit);
}

/** The dates from `from` to `to` that have a digest. */
export async function findStoredDates(db: DbOrTx, from: string, to: string): Promise<Set<string>> {
  const rows = await db
    .select({ date: digests.date })
    .from(digests)
    .where(and(gte(digests.date, from), lte(digests.date, to)));
  return new Set(rows.map((r) => r.date));
}

/** Asks for the digest of `date` to be mailed (once: a second ask changes nothing). */
export async function requestDigestMail(db: DbOrTx, date: string, now: Date): Promise<void> {
  await db
    .update(digests)
    .set({ mailRequestedAt: now })
    .where(and(eq(digests.date, date), isNull(digests.mailRequestedAt)));
}

/** Digests whose mailing was asked for since `since`. */
export async function findMailRequestedDates(db: DbOrTx, since: Date): Promise<string[]> {
  const rows = await db.select({ date: digests.date }).from(digests).where(gte(digests.mailRequestedAt, since)).orderBy(digests.date);
  return rows.map((r) => r.date);
}

/** The people who were already sent the digest of `date`, among `userIds`. */
export async function findDigestMailed(db: DbOrTx, date: string, userIds: number[]): Promise<Set<number>> {
  if (!userIds.length) return new Set();
  const rows = await db
    .select({ userId: digestEmails.userId })
    .from(digestEmails)
    .where(and(eq(digestEmails.digestDate, date), inArray(digestEmails.userId, userIds)));
  return new Set(rows.map((r) => r.userId));
}

/** Claims the sending of `date`'s digest to one person: false when someone already did (or is doing) it. */
export async function claimDigestMail(db: DbOrTx, date: string, userId: number, now: Date): Promise<boolean> {
  const rows = await db
    .insert(digestEmails)
    .values({ digestDate: date, userId, sentAt: now })
    .onConflictDoNothing()
    .returning({ userId: digestEmails.userId });
  return rows.length > 0;
}

/** Gives a claim back after a failed send. */
export async function releaseDigestMail(db: DbOrTx, date: string, userId: number): Promise<void> {
  await db.delete(digestEmails).where(and(eq(digestEmails.digestDate, date), eq(digestEmails.userId, userId)));
}

/** The headline figures of the digests stored for `from`…`to` in `timeZone` (a digest made in another zone does not count). */
export async function findStoredFigures(db: DbOrTx, from: string, to: string, timeZone: string): Promise<Map<string, DigestFigures>> {
  const rows = await db
    .select({ date: digests.date, figures: sql<DigestFigures>`${digests.content} -> 'figures'` })
    .from(digests)
    .where(and(gte(digests.date, from), lte(digests.date, to), eq(digests.timeZone, timeZone)));
  return new Map(rows.map((r) => [r.date, r.figures]));
}
