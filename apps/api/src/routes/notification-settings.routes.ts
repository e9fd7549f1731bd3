import {
  ErrorBody,
  NotificationSettingsResponse,
  UnsubscribeQuery,
  UnsubscribeResponse,
  UpdateNotificationSettingsBody,
} from '@kakera/contracts';
import { getNotificationSettings, unsubscribe, updateNotificationSettings } from '@kakera/core';
import type { App, RouteOptions } from './types.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody };

/** What the signed-in user hears about and how (in the app, by e-mail, the digest); one-click unsubscribe from e-mail. */
export async function notificationSettingsRoutes(app: App, { deps }: RouteOptions) {
  app.get(
    '/me/notification-settings',
    { schema: { tags: ['notifications'], response: { 200: NotificationSettingsResponse, ...errors } } },
    async (req) => ({ settings: await getNotificationSettings(deps, req.actor) }),
  );

  app.patch(
    '/me/notification-settings',
    {
      schema: { tags: ['notifications'], body: UpdateNotificationSettingsBody, response: { 200: NotificationSettingsResponse, ...errors } },
    },
    async (req) => {
      await app.rateLimit('write-user', req.actor.kind === 'user' ? req.actor.id : req.ip);
      return { settings: await updateNotificationSettings(deps, req.actor, req.body) };
    },
  );

  // A GET, so that the link in an e-mail (and its List-Unsubscribe header) works in one click, signed in or not.
  app.get(
    '/unsubscribe',
    { schema: { tags: ['notifications'], querystring: UnsubscribeQuery, response: { 200: UnsubscribeResponse, ...errors } } },
    async (req) => ({ ok: true as const, ...(await unsubscribe(deps, req.query)) }),
  );
}
