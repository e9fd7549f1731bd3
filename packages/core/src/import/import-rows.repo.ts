import { and, asc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { importRows, rowsOf, type DbOrTx } from '@kakera/db';

// Queries on `import_rows`, the import's ledger: what was read from a dump
// and what became of each row.

export type ImportRow = typeof importRows.$inferSelect;
export type ReplayKind = 'post' | 'comment';

export interface StagedRow {
  importKey: string;
  kind: 'post' | 'comment' | 'vote';
  sourceId: number;
  replayAt: Date;
  rank: number;
  data: Record<string, unknown>;
}

/** Adds rows not yet in the ledger; answers how many were new (a re-run finds them there). */
export async function stageRows(tx: DbOrTx, rows: StagedRow[]): Promise<number> {
  if (!rows.length) return 0;
  const added = await tx.insert(importRows).values(rows).onConflictDoNothing().returning({ sourceId: importRows.sourceId });
  return added.length;
}

/**
 * A child older than its parent (an answer moved onto a newer question when
 * questions were merged, a comment on it) is replayed at its parent's time:
 * answers first, then comments. Answers how many rows moved.
 */
export async function retimeOrphansInTime(tx: DbOrTx, importKey: string): Promise<number> {
  const moved = async (kind: ReplayKind, parentKey: string, rank: SQL) =>
    rowsOf(
      await tx.execute(sql`
        update import_rows c set replay_at = p.replay_at
        from import_rows p
        where c.import_key = ${importKey} and c.kind = ${kind} and ${rank} and c.done_at is null
          and p.import_key = c.import_key and p.kind = 'post' and p.source_id = (c.data->>${parentKey})::bigint
          and p.replay_at > c.replay_at
        returning c.source_id`),
    ).length;
  return (await moved('post', 'parent', sql`c.rank = 1`)) + (await moved('comment', 'post', sql`true`));
}

/** The first rows of one kind still to replay, in replay order (done rows leave the partial index). */
export async function findPendingRows(db: DbOrTx, importKey: string, kind: ReplayKind, limit: number): Promise<ImportRow[]> {
  return db
    .select()
    .from(importRows)
    .where(and(eq(importRows.importKey, importKey), eq(importRows.kind, kind), isNull(importRows.doneAt)))
    .orderBy(asc(importRows.replayAt), asc(importRows.rank), asc(importRows.sourceId))
    .limit(limit);
}

export async function countPending(db: DbOrTx, importKey: string, kinds: string[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(importRows)
    .where(and(eq(importRows.importKey, importKey), inArray(importRows.kind, kinds), isNull(importRows.doneAt)));
  return Number(row?.n ?? 0);
}

/** Questions and answers already in the ledger, by their id in the dump. */
export async function findLedgerPosts(db: DbOrTx, importKey: string, sourceIds: number[]): Promise<ImportRow[]> {
  if (!sourceIds.length) return [];
  return db
    .select()
    .from(importRows)
    .where(and(eq(importRows.importKey, importKey), eq(importRows.kind, 'post'), inArray(importRows.sourceId, sourceIds)));
}

export interface ReplayOutcome {
  kind: string;
  sourceId: number;
  threadId: number | null;
  postId: number | null;
  skipped: string | null;
  /** What the ledger keeps of the row's content once done (a question's accepted answer). */
  keep: Record<string, unknown> | null;
}

/** Marks rows done, with what became of them, dropping their content but `keep`. */
export async function markDone(tx: DbOrTx, importKey: string, outcomes: ReplayOutcome[], at: Date): Promise<void> {
  if (!outcomes.length) return;
  const values = sql.join(
    outcomes.map(
      (o) =>
        sql`(${o.kind}, ${o.sourceId}::bigint, ${o.threadId}::int, ${o.postId}::int, ${o.skipped}::text, ${o.keep === null ? null : JSON.stringify(o.keep)}::jsonb)`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    update import_rows r set done_at = ${at}, thread_id = v.thread_id, post_id = v.post_id, skipped = v.skipped, data = v.keep
    from (values ${values}) as v(kind, source_id, thread_id, post_id, skipped, keep)
    where r.import_key = ${importKey} and r.kind = v.kind and r.source_id = v.source_id`);
}

export interface PendingVote {
  sourceId: number;
  postId: number | null;
  threadId: number | null;
  /** Why the post it is for was not imported, or null. */
  postSkipped: string | null;
  postKnown: boolean;
}

/** Up-votes still to apply, by id after `after`, with the post each is for (when it was imported). */
export async function findPendingVotes(db: DbOrTx, importKey: string, after: number, limit: number): Promise<PendingVote[]> {
  const result = await db.execute(sql`
    select v.source_id as "sourceId", p.post_id as "postId", p.thread_id as "threadId", p.skipped as "postSkipped",
      (p.source_id is not null) as "postKnown"
    from import_rows v
    left join import_rows p on p.import_key = v.import_key and p.kind = 'post' and p.source_id = (v.data->>'post')::bigint
    where v.import_key = ${importKey} and v.kind = 'vote' and v.source_id > ${after} and v.done_at is null
    order by v.source_id
    limit ${limit}`);
  return rowsOf<PendingVote>(result).map((r) => ({ ...r, sourceId: Number(r.sourceId) }));
}

/** What earlier runs did, per kind: rows imported and rows skipped (with why) before `before`. */
export async function countDoneBefore(
  db: DbOrTx,
  importKey: string,
  before: Date,
): Promise<{ kind: string; skipped: string | null; n: number }[]> {
  const rows = await db
    .select({ kind: importRows.kind, skipped: importRows.skipped, n: sql<number>`count(*)::int` })
    .from(importRows)
    .where(and(eq(importRows.importKey, importKey), lt(importRows.doneAt, before)))
    .groupBy(importRows.kind, importRows.skipped);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Fresh statistics for the planner once a dump is read (the table may have grown from nothing). */
export async function analyzeLedger(db: DbOrTx): Promise<void> {
  await db.execute(sql`analyze import_rows`);
}
