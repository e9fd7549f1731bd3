import { asc, eq } from 'drizzle-orm';
import type { Category, CreateCategoryBody, UpdateCategoryBody } from '@kakera/contracts';
import { categories, type DbOrTx } from '@kakera/db';
import { requireAdmin, type Actor } from '../shared/actor.ts';
import { AppError, notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { recordAudit } from '../audit/record-audit.ts';

type CategoryRow = typeof categories.$inferSelect;

export const toCategory = (c: CategoryRow): Category => ({
  id: c.id,
  slug: c.slug,
  name: c.name,
  description: c.description,
  slaTargetSeconds: c.slaTargetSeconds,
  position: c.position,
  defaultComponent: c.defaultComponent,
  threadCount: c.threadCount,
  postCount: c.postCount,
});

export async function findCategories(deps: Deps): Promise<Category[]> {
  const rows = await deps.db.select().from(categories).orderBy(asc(categories.position), asc(categories.id));
  return rows.map(toCategory);
}

export async function getCategoryRowBySlug(db: DbOrTx, slug: string): Promise<CategoryRow> {
  const [row] = await db.select().from(categories).where(eq(categories.slug, slug)).limit(1);
  if (!row) throw notFound('Category');
  return row;
}

export async function getCategoryRowById(db: DbOrTx, id: number): Promise<CategoryRow | undefined> {
  const [row] = await db.select().from(categories).where(eq(categories.id, id)).limit(1);
  return row;
}

export async function getCategory(deps: Deps, slug: string): Promise<Category> {
  return toCategory(await getCategoryRowBySlug(deps.db, slug));
}

const slugTaken = () =>
  new AppError('slug_taken', 'A category with this slug already exists', {
    fields: [{ path: 'slug', message: 'This slug is taken' }],
  });

export async function createCategory(deps: Deps, actor: Actor, input: CreateCategoryBody): Promise<Category> {
  requireAdmin(actor);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const existing = await tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, input.slug));
    if (existing.length) throw slugTaken();
    const [row] = await tx
      .insert(categories)
      .values({
        slug: input.slug,
        name: input.name,
        description: input.description ?? '',
        slaTargetSeconds: input.slaTargetSeconds ?? 900,
        position: input.position ?? 0,
        defaultComponent: input.defaultComponent ?? null,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, actor, now, 'category.created', { type: 'category', id: row!.id }, { input });
    return toCategory(row!);
  });
}

/**
 * Changing the response target applies to obligations opened from now on;
 * open ones keep the target they were opened with, so nobody's clock jumps.
 */
export async function updateCategory(deps: Deps, actor: Actor, slug: string, input: UpdateCategoryBody): Promise<Category> {
  requireAdmin(actor);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const before = await getCategoryRowBySlug(tx, slug);
    if (input.slug && input.slug !== slug) {
      const clash = await tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, input.slug));
      if (clash.length) throw slugTaken();
    }
    const [row] = await tx
      .update(categories)
      .set({
        ...(input.slug !== undefined && { slug: input.slug }),
        ...(input.name !== undefined && { name: input.name }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.slaTargetSeconds !== undefined && { slaTargetSeconds: input.slaTargetSeconds }),
        ...(input.position !== undefined && { position: input.position }),
        ...(input.defaultComponent !== undefined && { defaultComponent: input.defaultComponent }),
      })
      .where(eq(categories.id, before.id))
      .returning();
    await recordAudit(
      tx,
      actor,
      now,
      'category.updated',
      { type: 'category', id: before.id },
      {
        before: toCategory(before),
        change: input,
      },
    );
    return toCategory(row!);
  });
}
