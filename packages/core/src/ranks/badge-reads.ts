import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { userBadges } from '@kakera/db';

/**
 * Whether a person holds a badge already (any source), for another module's
 * one-statement read: the forum asks with a reply whether its writer still
 * needs `first_post` awarded (create-reply.ts), instead of a round trip for
 * an award that does nothing on every later post.
 */
export const hasBadgeSql = (userId: SQL | AnyPgColumn, badge: string): SQL<boolean> =>
  sql<boolean>`exists (select 1 from ${userBadges} hb_b where hb_b.user_id = ${userId} and hb_b.badge = ${badge})`;
