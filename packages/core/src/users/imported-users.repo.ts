import { and, eq, inArray } from 'drizzle-orm';
import { users, type DbOrTx } from '@kakera/db';

// Queries on `users` for accounts brought by an import (users.source, users.source_id).

export interface ImportedUserRow {
  id: number;
  sourceId: string;
  name: string;
  role: (typeof users.$inferSelect)['role'];
  teamId: number | null;
}

/** Adds the accounts not there yet (no e-mail, no password: they cannot sign in); answers how many were new. */
export async function insertImportedUsers(
  tx: DbOrTx,
  rows: { source: string; sourceId: string; name: string; role: 'fan' | 'staff'; createdAt: Date }[],
): Promise<number> {
  if (!rows.length) return 0;
  const added = await tx
    .insert(users)
    .values(rows.map((r) => ({ ...r, email: null, passwordHash: null })))
    .onConflictDoNothing()
    .returning({ id: users.id });
  return added.length;
}

/** Makes these imported fans staff; answers who changed. */
export async function promoteImportedToStaff(tx: DbOrTx, source: string, sourceIds: string[]): Promise<{ id: number; sourceId: string }[]> {
  if (!sourceIds.length) return [];
  const rows = await tx
    .update(users)
    .set({ role: 'staff' })
    .where(and(eq(users.source, source), inArray(users.sourceId, sourceIds), eq(users.role, 'fan')))
    .returning({ id: users.id, sourceId: users.sourceId });
  return rows.map((r) => ({ id: r.id, sourceId: r.sourceId! }));
}

export async function findImportedUserRows(db: DbOrTx, source: string, sourceIds: string[]): Promise<ImportedUserRow[]> {
  if (!sourceIds.length) return [];
  const rows = await db
    .select({ id: users.id, sourceId: users.sourceId, name: users.name, role: users.role, teamId: users.teamId })
    .from(users)
    .where(and(eq(users.source, source), inArray(users.sourceId, sourceIds)));
  return rows.map((r) => ({ ...r, sourceId: r.sourceId! }));
}
