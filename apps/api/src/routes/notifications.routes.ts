import {
  ErrorBody,
  MarkReadBody,
  MentionSuggestQuery,
  MentionSuggestResponse,
  NotificationListQuery,
  NotificationListResponse,
  UnreadCountResponse,
} from '@kakera/contracts';
import { findMentionSuggestions, findNotifications, markNotificationsRead } from '@kakera/core';
import type { App, RouteOptions } from './types.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody };

/** The signed-in user's notifications: the list and marking them read; and whom an @mention being typed may name. */
export async function notificationRoutes(app: App, { deps }: RouteOptions) {
  app.get(
    '/notifications',
    { schema: { tags: ['notifications'], querystring: NotificationListQuery, response: { 200: NotificationListResponse, ...errors } } },
    async (req) => findNotifications(deps, req.actor, req.query),
  );

  app.post(
    '/notifications/read',
    { schema: { tags: ['notifications'], body: MarkReadBody, response: { 200: UnreadCountResponse, ...errors } } },
    async (req) => ({ unreadCount: await markNotificationsRead(deps, req.actor, req.body) }),
  );

  // The editor asks as the writer types `@Mi…` (debounced): counted like searches.
  app.get(
    '/users/mentions',
    { schema: { tags: ['notifications'], querystring: MentionSuggestQuery, response: { 200: MentionSuggestResponse, ...errors } } },
    async (req) => {
      await app.rateLimit('search-ip', req.ip);
      return { users: await findMentionSuggestions(deps, req.actor, req.query) };
    },
  );
}
