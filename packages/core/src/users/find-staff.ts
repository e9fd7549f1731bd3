import { asc, eq, inArray, isNull, and } from 'drizzle-orm';
import { STAFF_ROLES } from '@kakera/contracts';
import { teams, users } from '@kakera/db';
import { requireStaff, type Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';

/** Staff members who can be assigned an issue or escalated to (not suspended), for staff's pickers. */
export async function findStaff(deps: Deps, actor: Actor) {
  requireStaff(actor);
  const rows = await deps.db
    .select({ id: users.id, name: users.name, role: users.role, team: teams.name })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(and(inArray(users.role, [...STAFF_ROLES]), isNull(users.suspendedAt)))
    .orderBy(asc(users.name));
  return rows;
}
