import { sql, type SQL } from 'drizzle-orm';
import { STAFF_ROLES } from '@kakera/contracts';

/**
 * "Staff" for the 15-minute rule and every staff right is contracts'
 * STAFF_ROLES (`isStaffRole`); this is the same list for a SQL role column.
 */
export function isStaffRoleSql(role: SQL | { name: string }): SQL<boolean> {
  return sql<boolean>`${role} in (${sql.join(
    STAFF_ROLES.map((r) => sql`${r}`),
    sql`, `,
  )})`;
}
