import { z } from 'zod';
import { ROLES } from './roles.ts';

export const Id = z.coerce.number().int().positive().max(2_147_483_647);
export const IdParams = z.object({ id: Id });
export const IsoDateTime = z.string().datetime({ offset: true });

/**
 * The calendar days the API accepts as input, inclusive. No forum activity
 * predates 2000 or follows 2100, and outside a narrow range dates stop
 * behaving: a year below 100 is read as 19xx by Date.UTC, year 0 does not
 * exist in PostgreSQL, and the day after 9999-12-31 has no 4-digit year.
 */
export const EARLIEST_DATE = '2000-01-01';
export const LATEST_DATE = '2100-12-31';

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
export { ROLES, STAFF_ROLES, isStaffRole } from './roles.ts';

export const Locale = z.enum(['en', 'ja', 'zh-CN']);
export type Locale = z.infer<typeof Locale>;

export const Limit = z.coerce.number().int().min(1).max(100).default(20);
/** Opaque cursor: clients pass back what they were given. */
export const Cursor = z.string().max(200).optional();

/** Trim, then require at least `min` characters. */
export const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const Ok = z.object({ ok: z.literal(true) });
