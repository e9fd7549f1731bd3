import type { Notification } from '@kakera/contracts';
import { requireUser, type Actor } from '../shared/actor.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import type { Deps } from '../shared/deps.ts';
import { findUserRefs } from '../users/find-user-refs.ts';
import { toNotification } from './notification-view.ts';
import { countUnread, findNotificationRows, markRead } from './notifications.repo.ts';

/** The signed-in user's notifications, newest first, with the unread count. */
export async function findNotifications(
  deps: Deps,
  actor: Actor,
  query: { cursor?: string | undefined; limit: number },
): Promise<{ notifications: Notification[]; unreadCount: number; nextCursor: string | null }> {
  const user = requireUser(actor);
  const before = query.cursor ? (decodeCursor(query.cursor, ['number'])[0] as number) : null;
  const [rows, unreadCount] = await Promise.all([
    findNotificationRows(deps.db, user.id, before, query.limit + 1),
    countUnread(deps.db, user.id),
  ]);
  const page = rows.slice(0, query.limit);
  // Names as everywhere else: with their level title or staff team, as they are now.
  const actorIdOf = (data: unknown) => {
    const id = (data as { actorId?: unknown } | null)?.actorId;
    return typeof id === 'number' ? id : null;
  };
  const refs = await findUserRefs(
    deps.db,
    page.map((r) => actorIdOf(r.data)),
  );
  return {
    notifications: page.map((r) => ({ ...toNotification(r), actor: refs.get(actorIdOf(r.data) ?? -1) ?? null })),
    unreadCount,
    nextCursor: rows.length > query.limit ? encodeCursor([page[page.length - 1]!.id]) : null,
  };
}

export async function countUnreadNotifications(deps: Deps, actor: Actor): Promise<number> {
  return countUnread(deps.db, requireUser(actor).id);
}

/** Marks some (or all) of the user's notifications read; answers the unread count left. */
export async function markNotificationsRead(deps: Deps, actor: Actor, which: { ids: number[] } | { all: true }): Promise<number> {
  const user = requireUser(actor);
  await markRead(deps.db, user.id, 'all' in which ? 'all' : which.ids, deps.clock.now());
  return countUnread(deps.db, user.id);
}
