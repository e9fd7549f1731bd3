import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@kakera/db';

// Bulk like counts for imports (forum/import-likes.ts): one statement per table for a batch.

export async function addLikeCounts(tx: DbOrTx, likes: { postId: number; threadId: number; count: number }[]): Promise<void> {
  if (!likes.length) return;
  const perPost = sql.join(
    likes.map((l) => sql`(${l.postId}::int, ${l.count}::int)`),
    sql`, `,
  );
  await tx.execute(sql`update posts p set like_count = p.like_count + v.n from (values ${perPost}) as v(id, n) where p.id = v.id`);
  const threads = new Map<number, number>();
  for (const l of likes) threads.set(l.threadId, (threads.get(l.threadId) ?? 0) + l.count);
  const perThread = sql.join(
    [...threads].map(([id, n]) => sql`(${id}::int, ${n}::int)`),
    sql`, `,
  );
  await tx.execute(sql`update threads t set like_count = t.like_count + v.n from (values ${perThread}) as v(id, n) where t.id = v.id`);
}
