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
