import { inArray } from 'drizzle-orm';
import { threads, type DbOrTx } from '@kakera/db';

/** The authors of some threads (for other modules: who reported what). */
export async function findThreadAuthorIds(db: DbOrTx, threadIds: number[]): Promise<number[]> {
  if (!threadIds.length) return [];
  const rows = await db.select({ authorId: threads.authorId }).from(threads).where(inArray(threads.id, threadIds));
  return [...new Set(rows.map((r) => r.authorId))];
}

/** Threads' titles by id (for other modules' views). */
export async function findThreadTitles(db: DbOrTx, threadIds: number[]): Promise<Map<number, string>> {
  if (!threadIds.length) return new Map();
  const rows = await db.select({ id: threads.id, title: threads.title }).from(threads).where(inArray(threads.id, threadIds));
  return new Map(rows.map((r) => [r.id, r.title]));
}
