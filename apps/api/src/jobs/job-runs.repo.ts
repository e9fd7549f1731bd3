import { eq, sql } from 'drizzle-orm';
import { jobRuns, type DbOrTx } from '@kakera/db';

export type JobRunRow = typeof jobRuns.$inferSelect;

export async function ensureJobRow(db: DbOrTx, name: string, firstRunAt: Date): Promise<void> {
  await db.insert(jobRuns).values({ name, nextRunAt: firstRunAt }).onConflictDoNothing();
}

/** The job's row if its slot has come and no other instance holds it: locked until the transaction ends. */
export async function claimDueJob(tx: DbOrTx, name: string, now: Date): Promise<JobRunRow | undefined> {
  const [row] = await tx
    .select()
    .from(jobRuns)
    .where(sql`${jobRuns.name} = ${name} and ${jobRuns.nextRunAt} <= ${now}`)
    .for('update', { skipLocked: true })
    .limit(1);
  return row;
}

export async function recordSuccess(
  db: DbOrTx,
  name: string,
  r: { startedAt: Date; finishedAt: Date; nextRunAt: Date | null; instance: string },
) {
  await db
    .update(jobRuns)
    .set({
      ...(r.nextRunAt && { nextRunAt: r.nextRunAt }),
      lastStartedAt: r.startedAt,
      lastFinishedAt: r.finishedAt,
      lastOkAt: r.finishedAt,
      runs: sql`${jobRuns.runs} + 1`,
      failing: 0,
      lastInstance: r.instance,
    })
    .where(eq(jobRuns.name, name));
}

/** Records a failure; answers how many runs in a row have failed. */
export async function recordFailure(
  db: DbOrTx,
  name: string,
  r: { startedAt: Date; finishedAt: Date; error: string; retryAt: (failing: number) => Date | null; instance: string },
): Promise<number> {
  const [row] = await db
    .update(jobRuns)
    .set({
      lastStartedAt: r.startedAt,
      lastFinishedAt: r.finishedAt,
      lastError: r.error.slice(0, 2000),
      lastErrorAt: r.finishedAt,
      runs: sql`${jobRuns.runs} + 1`,
      failures: sql`${jobRuns.failures} + 1`,
      failing: sql`${jobRuns.failing} + 1`,
      lastInstance: r.instance,
    })
    .where(eq(jobRuns.name, name))
    .returning({ failing: jobRuns.failing });
  const failing = row?.failing ?? 1;
  const retryAt = r.retryAt(failing);
  if (retryAt) await db.update(jobRuns).set({ nextRunAt: retryAt }).where(eq(jobRuns.name, name));
  return failing;
}

export async function findJobRuns(db: DbOrTx): Promise<JobRunRow[]> {
  return db.select().from(jobRuns).orderBy(jobRuns.name);
}
