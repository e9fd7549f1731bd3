import { eq } from 'drizzle-orm';
import { users, type DbOrTx } from '@kakera/db';

/** A person's running total (the ranks module keeps users.points). */
export async function findProfileOf(db: DbOrTx, userId: number): Promise<{ points: number } | undefined> {
  const [row] = await db.select({ points: users.points }).from(users).where(eq(users.id, userId)).limit(1);
  return row;
}
