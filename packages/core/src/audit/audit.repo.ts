import { and, desc, eq, gte, like, lt, or, type SQL } from 'drizzle-orm';
import { auditLog, type DbOrTx } from '@kakera/db';

export interface AuditFilter {
  actorId?: number | undefined;
  /** Exact (`thread.locked`) or a prefix ending in a dot (`thread.`). */
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: Date | undefined;
  until?: Date | undefined;
  /** Keyset: lines older than this (createdAt, id). */
  before?: { at: Date; id: number } | undefined;
}

/** Audit lines, newest first, one more than `limit` (so the caller knows whether a next page exists). */
export async function findAuditRows(db: DbOrTx, f: AuditFilter, limit: number) {
  const where: (SQL | undefined)[] = [
    f.actorId !== undefined ? eq(auditLog.actorId, f.actorId) : undefined,
    f.action
      ? f.action.endsWith('.')
        ? like(auditLog.action, `${f.action.replaceAll('_', '\\_')}%`)
        : eq(auditLog.action, f.action)
      : undefined,
    f.targetType ? eq(auditLog.targetType, f.targetType) : undefined,
    f.targetId ? eq(auditLog.targetId, f.targetId) : undefined,
    f.from ? gte(auditLog.createdAt, f.from) : undefined,
    f.until ? lt(auditLog.createdAt, f.until) : undefined,
    f.before ? or(lt(auditLog.createdAt, f.before.at), and(eq(auditLog.createdAt, f.before.at), lt(auditLog.id, f.before.id))) : undefined,
  ];
  return db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit + 1);
}
