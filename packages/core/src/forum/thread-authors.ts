import { inArray } from 'drizzle-orm';
import { threads, type DbOrTx } from '@kakera/db';

/** The authors of some threads (for other modules: who reported what). */
export async function findThreadAuthorIds(db: DbOrTx, threadIds: number[]): Promise<number[]> {
  if (!threadIds.length) return [];
  const rows = await db.select({ authorId: threads.authorId }).from(threads).where(inArray(threads.id, threadIds));
  return [...new Set(rows.map((r) => r.authorId))];
}
