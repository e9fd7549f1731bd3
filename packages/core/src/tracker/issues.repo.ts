import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { issueChanges, issueKeySequences, issueNotes, issueThreads, issueVotes, issues, type DbOrTx } from '@kakera/db';

// Queries on the tracker's tables: issues, their keys, links to threads,
// votes, history and notes. Only the tracker's use cases call these.

export type IssueRow = typeof issues.$inferSelect;

export const PROJECT_PREFIX = 'KAK';

/** The next number of the project's sequence, taken in the caller's transaction (row-locked until it ends: gap-free). */
export async function takeIssueNumber(tx: DbOrTx, prefix: string): Promise<number> {
  await tx.insert(issueKeySequences).values({ prefix, lastNumber: 0 }).onConflictDoNothing();
  const [row] = await tx
    .update(issueKeySequences)
    .set({ lastNumber: sql`${issueKeySequences.lastNumber} + 1` })
    .where(eq(issueKeySequences.prefix, prefix))
    .returning({ n: issueKeySequences.lastNumber });
  return row!.n;
}

export async function insertIssue(tx: DbOrTx, values: typeof issues.$inferInsert): Promise<IssueRow> {
  const [row] = await tx.insert(issues).values(values).returning();
  return row!;
}

export async function findIssueByKey(db: DbOrTx, key: string): Promise<IssueRow | undefined> {
  const [row] = await db.select().from(issues).where(eq(issues.key, key)).limit(1);
  return row;
}

export async function findIssueById(db: DbOrTx, id: number): Promise<IssueRow | undefined> {
  const [row] = await db.select().from(issues).where(eq(issues.id, id)).limit(1);
  return row;
}

export async function lockIssueByKey(tx: DbOrTx, key: string): Promise<IssueRow | undefined> {
  const [row] = await tx.select().from(issues).where(eq(issues.key, key)).for('update').limit(1);
  return row;
}

export async function updateIssueRow(tx: DbOrTx, id: number, set: PgUpdateSetSource<typeof issues>): Promise<IssueRow> {
  const [row] = await tx.update(issues).set(set).where(eq(issues.id, id)).returning();
  return row!;
}

/** Sets adopted_at if it was never set; answers whether this call set it (the reward happens once). */
export async function markAdopted(tx: DbOrTx, id: number, at: Date): Promise<boolean> {
  const rows = await tx
    .update(issues)
    .set({ adoptedAt: at })
    .where(and(eq(issues.id, id), sql`${issues.adoptedAt} is null`))
    .returning({ id: issues.id });
  return rows.length > 0;
}

// ── links to threads ──

export async function findLinkOfThread(db: DbOrTx, threadId: number) {
  const [row] = await db.select().from(issueThreads).where(eq(issueThreads.threadId, threadId)).limit(1);
  return row;
}

export async function insertLink(tx: DbOrTx, values: typeof issueThreads.$inferInsert): Promise<void> {
  await tx.insert(issueThreads).values(values);
}

export async function findLinkedThreadIds(db: DbOrTx, issueIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!issueIds.length) return out;
  const rows = await db
    .select({ issueId: issueThreads.issueId, threadId: issueThreads.threadId })
    .from(issueThreads)
    .where(inArray(issueThreads.issueId, issueIds))
    .orderBy(asc(issueThreads.linkedAt));
  for (const r of rows) out.set(r.issueId, [...(out.get(r.issueId) ?? []), r.threadId]);
  return out;
}

export async function findLinks(db: DbOrTx, issueId: number) {
  return db.select().from(issueThreads).where(eq(issueThreads.issueId, issueId)).orderBy(asc(issueThreads.linkedAt));
}

/** Moves every thread of one issue to another (a merge). */
export async function relinkThreads(tx: DbOrTx, fromIssueId: number, toIssueId: number): Promise<number[]> {
  const rows = await tx
    .update(issueThreads)
    .set({ issueId: toIssueId, source: false })
    .where(eq(issueThreads.issueId, fromIssueId))
    .returning({ threadId: issueThreads.threadId });
  return rows.map((r) => r.threadId);
}

// ── votes ──

/** Adds a vote; the primary key makes a second one a no-op. Answers whether it was added. */
export async function insertVote(tx: DbOrTx, issueId: number, userId: number, at: Date): Promise<boolean> {
  const rows = await tx
    .insert(issueVotes)
    .values({ issueId, userId, createdAt: at })
    .onConflictDoNothing()
    .returning({ userId: issueVotes.userId });
  return rows.length > 0;
}

export async function deleteVote(tx: DbOrTx, issueId: number, userId: number): Promise<boolean> {
  const rows = await tx
    .delete(issueVotes)
    .where(and(eq(issueVotes.issueId, issueId), eq(issueVotes.userId, userId)))
    .returning({ userId: issueVotes.userId });
  return rows.length > 0;
}

/** Adds `delta` to the kept count and answers the new count. */
export async function addToVoteCount(tx: DbOrTx, issueId: number, delta: number): Promise<number> {
  const [row] = await tx
    .update(issues)
    .set({ voteCount: sql`${issues.voteCount} + ${delta}` })
    .where(eq(issues.id, issueId))
    .returning({ voteCount: issues.voteCount });
  return row!.voteCount;
}

/** Sets the kept count from the votes themselves (after a merge moved voters). */
export async function recountVotes(tx: DbOrTx, issueId: number): Promise<number> {
  const [row] = await tx
    .update(issues)
    .set({ voteCount: sql`(select count(*)::int from ${issueVotes} v where v.issue_id = ${issueId})` })
    .where(eq(issues.id, issueId))
    .returning({ voteCount: issues.voteCount });
  return row!.voteCount;
}

/** Moves the votes of one issue to another, each voter counted once; answers how many moved (were not there already). */
export async function moveVotes(tx: DbOrTx, fromIssueId: number, toIssueId: number): Promise<number> {
  const moved = await tx.execute(sql`
    insert into ${issueVotes} (issue_id, user_id, created_at)
    select ${toIssueId}, user_id, created_at from ${issueVotes} where issue_id = ${fromIssueId}
    on conflict do nothing
    returning user_id`);
  await tx.delete(issueVotes).where(eq(issueVotes.issueId, fromIssueId));
  return ((moved as { rows?: unknown[] }).rows ?? (moved as unknown as unknown[])).length;
}

export async function findVoterIds(db: DbOrTx, issueId: number): Promise<number[]> {
  const rows = await db.select({ userId: issueVotes.userId }).from(issueVotes).where(eq(issueVotes.issueId, issueId));
  return rows.map((r) => r.userId);
}

export async function findVotedBy(db: DbOrTx, issueIds: number[], userId: number): Promise<Set<number>> {
  if (!issueIds.length || !userId) return new Set();
  const rows = await db
    .select({ issueId: issueVotes.issueId })
    .from(issueVotes)
    .where(and(inArray(issueVotes.issueId, issueIds), eq(issueVotes.userId, userId)));
  return new Set(rows.map((r) => r.issueId));
}

export async function findRecentVotes(db: DbOrTx, issueIds: number[], since: Date): Promise<Map<number, number>> {
  if (!issueIds.length) return new Map();
  const rows = await db
    .select({ issueId: issueVotes.issueId, n: sql<number>`count(*)::int` })
    .from(issueVotes)
    .where(and(inArray(issueVotes.issueId, issueIds), gt(issueVotes.createdAt, since)))
    .groupBy(issueVotes.issueId);
  return new Map(rows.map((r) => [r.issueId, Number(r.n)]));
}

/** Votes in the 24 hours before `now`, for the trending sort. */
export const recentVotesSql = (now: Date): SQL<number> =>
  sql<number>`(select count(*)::int from ${issueVotes} rv where rv.issue_id = ${issues.id} and rv.created_at > ${new Date(now.getTime() - 24 * 3600 * 1000)})`;

// ── history and notes ──

export async function insertChanges(
  tx: DbOrTx,
  issueId: number,
  actorId: number | null,
  at: Date,
  changes: { field: string; from: string | null; to: string | null }[],
): Promise<void> {
  if (!changes.length) return;
  await tx.insert(issueChanges).values(changes.map((c) => ({ issueId, actorId, at, field: c.field, fromValue: c.from, toValue: c.to })));
}

export async function findChanges(db: DbOrTx, issueId: number) {
  return db.select().from(issueChanges).where(eq(issueChanges.issueId, issueId)).orderBy(asc(issueChanges.id));
}

export async function insertNote(tx: DbOrTx, values: typeof issueNotes.$inferInsert) {
  const [row] = await tx.insert(issueNotes).values(values).returning();
  return row!;
}

export async function findNotes(db: DbOrTx, issueId: number) {
  return db.select().from(issueNotes).where(eq(issueNotes.issueId, issueId)).orderBy(asc(issueNotes.id));
}
