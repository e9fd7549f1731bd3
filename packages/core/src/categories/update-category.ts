import type { Category, UpdateCategoryBody } from '@kakera/contracts';
import { recordAudit } from '../audit/record-audit.ts';
import { requireAdmin, type Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { slugExists, updateCategoryRow } from './categories.repo.ts';
import { toCategory } from './category-view.ts';
import { slugTaken } from './create-category.ts';
import { getCategoryRowBySlug } from './find-categories.ts';

/**
 * Admins change a board. Changing the response target applies to
 * obligations opened from now on; open ones keep the target they were opened
 * with, so nobody's clock jumps. Audited.
 */
export async function updateCategory(deps: Deps, actor: Actor, slug: string, input: UpdateCategoryBody): Promise<Category> {
  requireAdmin(actor);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const before = await getCategoryRowBySlug(tx, slug);
    if (input.slug && input.slug !== slug && (await slugExists(tx, input.slug))) throw slugTaken();
    const row = await updateCategoryRow(tx, before.id, {
      ...(input.slug !== undefined && { slug: input.slug }),
      ...(input.name !== undefined && { name: input.name }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.slaTargetSeconds !== undefined && { slaTargetSeconds: input.slaTargetSeconds }),
      ...(input.position !== undefined && { position: input.position }),
      ...(input.defaultComponent !== undefined && { defaultComponent: input.defaultComponent }),
    });
    await recordAudit(
      tx,
      actor,
      now,
      'category.updated',
      { type: 'category', id: before.id },
      { before: toCategory(before), change: input },
    );
    return toCategory(row);
  });
}
