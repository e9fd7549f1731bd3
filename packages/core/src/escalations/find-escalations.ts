import type { Escalation } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import { requireStaff, type Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { countOpenFor, findEscalationRows, findOpenEscalationRows } from './escalations.repo.ts';
import { toEscalations } from './escalation-view.ts';

/** The signed-in staff member's escalation inbox, with the count still waiting. */
export async function findMyEscalations(
  deps: Deps,
  actor: Actor,
  state: 'open' | 'acknowledged' | 'all',
): Promise<{ escalations: Escalation[]; openCount: number }> {
  const user = requireStaff(actor);
  const [rows, openCount] = await Promise.all([findEscalationRows(deps.db, user.id, state), countOpenFor(deps.db, user.id)]);
  return { escalations: await toEscalations(deps.db, rows), openCount };
}

/** Every escalation not yet acknowledged (no permission check: the digest asks, possibly inside its job's transaction). */
export async function findOpenEscalations(deps: { db: DbOrTx }): Promise<Escalation[]> {
  return toEscalations(deps.db, await findOpenEscalationRows(deps.db));
}
