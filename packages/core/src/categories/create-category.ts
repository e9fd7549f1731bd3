import type { Category, CreateCategoryBody } from '@kakera/contracts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdmin, type Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { insertCategory, slugExists } from './categories.repo.ts';
import { toCategory } from './category-view.ts';

export const slugTaken = () =>
  new AppError('slug_taken', 'A category with this slug already exists', {
    fields: [{ path: 'slug', message: 'This slug is taken' }],
  });

/** Admins add a board (and the command line, for an import). Audited. */
export async function createCategory(deps: Deps, actor: Actor, input: CreateCategoryBody): Promise<Category> {
  if (actor.kind !== 'system') requireAdmin(actor);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (await slugExists(tx, input.slug)) throw slugTaken();
    const row = await insertCategory(tx, {
      slug: input.slug,
      name: input.name,
      description: input.description ?? '',
      slaTargetSeconds: input.slaTargetSeconds ?? 900,
      position: input.position ?? 0,
      defaultComponent: input.defaultComponent ?? null,
      createdAt: now,
    });
    await recordAudit(tx, actor, now, 'category.created', { type: 'category', id: row.id }, { input });
    return toCategory(row);
  });
}
