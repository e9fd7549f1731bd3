import type { Category } from '@kakera/contracts';
import type { CategoryRow } from './categories.repo.ts';

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
