import type { Role } from '@kakera/contracts';

/**
 * Staff for the 15-minute rule: staff, executive and admin. Mirrors
 * `isStaffRole` in @kakera/contracts without importing its runtime (zod)
 * into the browser bundle.
 */
export const isStaffRole = (role: Role | null | undefined): boolean => role === 'staff' || role === 'executive' || role === 'admin';
