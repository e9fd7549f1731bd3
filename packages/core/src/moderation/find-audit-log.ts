import type { AuditEntry, AuditQuery } from '@kakera/contracts';
import { findAuditEntries } from '../audit/find-audit-entries.ts';
import type { Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { findUserRefs } from '../users/find-user-refs.ts';

/** The audit log as the staff page shows it (`GET /api/audit`): audit's lines, with who acted by name. */
export async function findAuditLog(
  deps: Deps,
  actor: Actor,
  query: AuditQuery & { timeZone: string },
): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
  const { lines, nextCursor } = await findAuditEntries(deps, actor, query);
  const people = await findUserRefs(
    deps.db,
    lines.map((l) => l.actorId),
  );
  return {
    entries: lines.map(({ actorId, ...line }) => ({ ...line, actor: (actorId !== null && people.get(actorId)) || null })),
    nextCursor,
  };
}
