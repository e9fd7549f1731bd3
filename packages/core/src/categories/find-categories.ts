import type { Category } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import { notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { findCategoryRowById, findCategoryRowBySlug, findCategoryRows, type CategoryRow } from './categories.repo.ts';
import { toCategory } from './category-view.ts';

/** Every board, in their order: public. */
export async function findCategories(deps: Deps): Promise<Category[]> {
  return (await findCategoryRows(deps.db)).map(toCategory);
}

export async function getCategory(deps: Deps, slug: string): Promise<Category> {
  return toCategory(await getCategoryRowBySlug(deps.db, slug));
}

/** The board's row, or not found. */
export async function getCategoryRowBySlug(db: DbOrTx, slug: string): Promise<CategoryRow> {
  const row = await findCategoryRowBySlug(db, slug);
  if (!row) throw notFound('Category');
  return row;
}

/** The board's row by id, or undefined (callers decide what a missing board means). */
export async function findCategoryRow(db: DbOrTx, id: number): Promise<CategoryRow | undefined> {
  return findCategoryRowById(db, id);
}
