import { auditLog, type DbOrTx } from '@kakera/db';
import type { Actor } from '../shared/actor.ts';

/** Every staff and admin action leaves a line here, in the same transaction as the action. */
export async function recordAudit(
  tx: DbOrTx,
  actor: Actor,
  at: Date,
  action: string,
  target: { type: string; id: string | number },
  data: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actor.kind === 'user' ? actor.id : null,
    action,
    targetType: target.type,
    targetId: String(target.id),
    data,
    createdAt: at,
  });
}
