/**
 * Roles and who counts as staff, without zod: the browser bundle imports this
 * file alone (`@kakera/contracts/roles`), so that a page can tell a staff
 * badge without carrying the schemas. `common.ts` builds the `Role` schema
 * from `ROLES` and re-exports the rest, so there is one definition.
 */
export const ROLES = ['fan', 'staff', 'executive', 'admin'] as const;
type RoleName = (typeof ROLES)[number];

/** Staff for the 15-minute rule: staff, executive and admin. */
export const STAFF_ROLES: readonly RoleName[] = ['staff', 'executive', 'admin'];
export const isStaffRole = (role: RoleName | null | undefined): boolean => !!role && STAFF_ROLES.includes(role);
