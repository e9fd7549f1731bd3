import { recordAudit } from '../audit/record-audit.ts';
import { requireSystem, type Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { insertImportedUsers, promoteImportedToStaff } from './imported-users.repo.ts';

export interface ImportedUser {
  /** The account's id in its source (a Stack Exchange user id, or `name:<display name>`). */
  sourceId: string;
  name: string;
  createdAt: Date;
  staff: boolean;
}

/**
 * Accounts brought by an import (the command line only): no e-mail and no
 * password, so nobody can sign in to them until they are claimed. An
 * account is added once per source and id (users_source_key): a re-run adds
 * nothing. Those named staff become staff — also on a re-run, when they are
 * still fans (a role is never taken away here); each such change is audited.
 * Runs in the caller's transaction when `deps.db` is one.
 */
export async function importUsers(deps: Deps, actor: Actor, input: { source: string; users: ImportedUser[] }): Promise<{ added: number }> {
  requireSystem(actor);
  const now = deps.clock.now();
  const rows = input.users.map((u) => ({
    source: input.source,
    sourceId: u.sourceId,
    name: u.name.trim().slice(0, 40) || `user${u.sourceId}`,
    role: u.staff ? ('staff' as const) : ('fan' as const),
    createdAt: u.createdAt,
  }));
  return deps.db.transaction(async (tx) => {
    const added = await insertImportedUsers(tx, rows);
    const promoted = await promoteImportedToStaff(
      tx,
      input.source,
      input.users.filter((u) => u.staff).map((u) => u.sourceId),
    );
    for (const p of promoted) {
      await recordAudit(tx, actor, now, 'user.imported_staff', { type: 'user', id: p.id }, { source: input.source, sourceId: p.sourceId });
    }
    return { added };
  });
}
