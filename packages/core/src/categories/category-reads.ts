import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { categories } from '@kakera/db';

// For other modules' queries: a category's name and slug by id, without joining this module's table themselves.

export const categoryNameSql = (id: SQL | AnyPgColumn): SQL<string> =>
  sql<string>`(select cat_n.name from ${categories} cat_n where cat_n.id = ${id})`;

export const categorySlugSql = (id: SQL | AnyPgColumn): SQL<string> =>
  sql<string>`(select cat_s.slug from ${categories} cat_s where cat_s.id = ${id})`;

/** The id of the category with this slug (null when there is none). */
export const categoryIdBySlugSql = (slug: string): SQL<number | null> =>
  sql<number | null>`(select cat_i.id from ${categories} cat_i where cat_i.slug = ${slug})`;

/** A category's response target in seconds (a new post's obligation takes it), read without locking the category's row. */
export const categorySlaTargetSql = (id: SQL | AnyPgColumn): SQL<number> =>
  sql<number>`(select cat_t.sla_target_seconds from ${categories} cat_t where cat_t.id = ${id})`;

/** A category's id, slug, name and response target as one JSON object (a thread's `category`). */
export const categoryRefJsonSql = (id: SQL | AnyPgColumn): SQL<CategoryRefRow | null> =>
  sql<CategoryRefRow | null>`(select json_build_object('id', cat_r.id, 'slug', cat_r.slug, 'name', cat_r.name,
    'slaTargetSeconds', cat_r.sla_target_seconds) from ${categories} cat_r where cat_r.id = ${id})`;
export type CategoryRefRow = { id: number; slug: string; name: string; slaTargetSeconds: number };
