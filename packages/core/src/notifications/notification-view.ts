import type { Notification } from '@kakera/contracts';
import type { NotificationRow } from './notifications.repo.ts';

export const toNotification = (r: NotificationRow): Notification => ({
  id: r.id,
  kind: r.kind as Notification['kind'],
  data: r.data as Record<string, unknown>,
  url: r.url,
  createdAt: r.createdAt.toISOString(),
  readAt: r.readAt?.toISOString() ?? null,
});
