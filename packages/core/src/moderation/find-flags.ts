import type { Flag, FlagStatus } from '@kakera/contracts';
import { requireStaff, type Actor } from '../shared/actor.ts';
import { forbidden } from '../shared/app-error.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import type { Deps } from '../shared/deps.ts';
import { canHandleFlags } from './flag-policy.ts';
import { toFlags } from './flag-view.ts';
import { countOpenFlags, findFlagRows } from './flags.repo.ts';

/** The staff flag queue: open flags oldest first, or the settled ones newest first; with the open count. */
export async function findFlags(
  deps: Deps,
  actor: Actor,
  query: { status: FlagStatus; cursor?: string | undefined; limit: number },
): Promise<{ flags: Flag[]; openCount: number; nextCursor: string | null }> {
  requireStaff(actor);
  if (!canHandleFlags(actor)) throw forbidden('Staff only');
  const after = query.cursor ? decodeCursor(query.cursor, ['string', 'number']) : null;
  const rows = await findFlagRows(
    deps.db,
    query.status,
    after ? { at: new Date(after[0] as string), id: after[1] as number } : null,
    query.limit,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    flags: await toFlags(deps.db, page),
    openCount: await countOpenFlags(deps.db),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}
