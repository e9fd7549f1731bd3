import { asc, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { categories, type DbOrTx } from '@kakera/db';

// Queries on `categories`, this module's table.

export type CategoryRow = typeof categories.$inferSelect;

export async function findCategoryRows(db: DbOrTx): Promise<CategoryRow[]> {
  return db.select().from(categories).orderBy(asc(categories.position), asc(categories.id));
}

export async function findCategoryRowBySlug(db: DbOrTx, slug: string): Promise<CategoryRow | undefined> {
  const [row] = await db.select().from(categories).where(eq(categories.slug, slug)).limit(1);
  return row;
}

export async function findCategoryRowById(db: DbOrTx, id: number): Promise<CategoryRow | undefined> {
  const [row] = await db.select().from(categories).where(eq(categories.id, id)).limit(1);
  return row;
}

export async function slugExists(db: DbOrTx, slug: string): Promise<boolean> {
  const rows = await db.select({ id: categories.id }).from(categories).where(eq(categories.slug, slug)).limit(1);
  return rows.length > 0;
}

export async function insertCategory(tx: DbOrTx, values: typeof categories.$inferInsert): Promise<CategoryRow> {
  const [row] = await tx.insert(categories).values(values).returning();
  return row!;
}

export async function updateCategoryRow(tx: DbOrTx, id: number, set: PgUpdateSetSource<typeof categories>): Promise<CategoryRow> {
  const [row] = await tx.update(categories).set(set).where(eq(categories.id, id)).returning();
  return row!;
}

/** Adds to the board's thread and post counts; answers its response target. */
export async function addToCounts(tx: DbOrTx, id: number, add: { threads: number; posts: number }): Promise<{ slaTargetSeconds: number }> {
  const [row] = await tx
    .update(categories)
    .set({ threadCount: sql`${categories.threadCount} + ${add.threads}`, postCount: sql`${categories.postCount} + ${add.posts}` })
    .where(eq(categories.id, id))
    .returning({ slaTargetSeconds: categories.slaTargetSeconds });
  if (!row) throw new Error(`addToCounts: no category ${id}`);
  return row;
}
