import type { AuditEntry, AuditQuery } from '@kakera/contracts';
import { requireStaff, type Actor } from '../shared/actor.ts';
import { forbidden } from '../shared/app-error.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import type { Deps } from '../shared/deps.ts';
import { addDays, startOfLocalDay } from '../shared/local-days.ts';
import { canReadAudit } from './audit-policy.ts';
import { findAuditRows } from './audit.repo.ts';

/** An audit line with who acted as an id: the moderation module names them (moderation/find-audit-log.ts). */
export type AuditLine = Omit<AuditEntry, 'actor'> & { actorId: number | null };

/**
 * The audit log for staff, newest first, filtered by who acted, the action
 * (exact, or a prefix like `thread.`), the target (`thread` or `thread:12`)
 * and local days in `timeZone` (inclusive); keyset-paged.
 */
export async function findAuditEntries(
  deps: Deps,
  actor: Actor,
  query: AuditQuery & { timeZone: string },
): Promise<{ lines: AuditLine[]; nextCursor: string | null }> {
  requireStaff(actor);
  if (!canReadAudit(actor)) throw forbidden('Staff only');
  const [targetType, targetId] = query.target ? query.target.split(':', 2) : [];
  const before = query.cursor ? decodeCursor(query.cursor, ['string', 'number']) : null;
  const rows = await findAuditRows(
    deps.db,
    {
      actorId: query.actor,
      action: query.action || undefined,
      targetType,
      targetId,
      from: query.from ? startOfLocalDay(query.from, query.timeZone) : undefined,
      until: query.to ? startOfLocalDay(addDays(query.to, 1), query.timeZone) : undefined,
      before: before ? { at: new Date(before[0] as string), id: before[1] as number } : undefined,
    },
    query.limit,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    lines: page.map((line) => ({
      id: line.id,
      actorId: line.actorId,
      action: line.action,
      targetType: line.targetType,
      targetId: line.targetId,
      data: (line.data ?? {}) as Record<string, unknown>,
      createdAt: line.createdAt.toISOString(),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}
