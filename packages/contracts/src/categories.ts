import { z } from 'zod';

export const Slug = z
  .string()
  .trim()
  .min(2)
  .max(50)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Lower-case letters, digits and single hyphens');

export const SlaTargetSeconds = z
  .number()
  .int()
  .min(1)
  .max(30 * 24 * 3600);

export const Category = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  slaTargetSeconds: z.number().int(),
  position: z.number().int(),
  defaultComponent: z.string().nullable(),
  threadCount: z.number().int(),
  postCount: z.number().int(),
});
export type Category = z.infer<typeof Category>;

export const CategoryListResponse = z.object({ categories: z.array(Category) });
export const CategoryResponse = z.object({ category: Category });
export const CategoryParams = z.object({ slug: z.string().max(50) });

export const CreateCategoryBody = z.object({
  slug: Slug,
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500).optional(),
  slaTargetSeconds: SlaTargetSeconds.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  defaultComponent: z.string().trim().min(1).max(80).nullable().optional(),
});
export type CreateCategoryBody = z.infer<typeof CreateCategoryBody>;

export const UpdateCategoryBody = CreateCategoryBody.partial().refine((b) => Object.keys(b).length > 0, {
  message: 'Nothing to change',
});
export type UpdateCategoryBody = z.infer<typeof UpdateCategoryBody>;
