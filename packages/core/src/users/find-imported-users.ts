import type { Role } from '@kakera/contracts';
import type { Deps } from '../shared/deps.ts';
import { findImportedUserRows } from './imported-users.repo.ts';

export interface ImportedAccount {
  id: number;
  name: string;
  role: Role;
  teamId: number | null;
}

/** Imported accounts by their ids in the source (those not imported are absent). */
export async function findImportedUsers(
  deps: Pick<Deps, 'db'>,
  source: string,
  sourceIds: string[],
): Promise<Map<string, ImportedAccount>> {
  const rows = await findImportedUserRows(deps.db, source, [...new Set(sourceIds)]);
  return new Map(rows.map((r) => [r.sourceId, { id: r.id, name: r.name, role: r.role, teamId: r.teamId }]));
}
