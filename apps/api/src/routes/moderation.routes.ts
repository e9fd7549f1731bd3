import { ErrorBody, HideThreadBody, IdParams, LockThreadBody, MoveThreadBody, PinThreadBody, ThreadResponse } from '@kakera/contracts';
import { hideThread, moveThread, setThreadLocked, setThreadPinned, unhideThread } from '@kakera/core';
import type { App, RouteOptions } from './types.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Staff moderation of threads; every action is audited in core. */
export async function moderationRoutes(app: App, { deps }: RouteOptions) {
  app.post(
    '/threads/:id/hide',
    { schema: { tags: ['moderation'], params: IdParams, body: HideThreadBody, response: { 200: ThreadResponse, ...errors } } },
    async (req) => ({
      thread: await hideThread(deps, req.actor, req.params.id, req.body),
    }),
  );

  app.post(
    '/threads/:id/unhide',
    { schema: { tags: ['moderation'], params: IdParams, response: { 200: ThreadResponse, ...errors } } },
    async (req) => ({
      thread: await unhideThread(deps, req.actor, req.params.id),
    }),
  );

  app.post(
    '/threads/:id/lock',
    { schema: { tags: ['moderation'], params: IdParams, body: LockThreadBody, response: { 200: ThreadResponse, ...errors } } },
    async (req) => ({ thread: await setThreadLocked(deps, req.actor, req.params.id, req.body.locked) }),
  );

  app.post(
    '/threads/:id/pin',
    { schema: { tags: ['moderation'], params: IdParams, body: PinThreadBody, response: { 200: ThreadResponse, ...errors } } },
    async (req) => ({ thread: await setThreadPinned(deps, req.actor, req.params.id, req.body.pinned) }),
  );

  app.post(
    '/threads/:id/move',
    { schema: { tags: ['moderation'], params: IdParams, body: MoveThreadBody, response: { 200: ThreadResponse, ...errors } } },
    async (req) => ({ thread: await moveThread(deps, req.actor, req.params.id, req.body.categoryId) }),
  );
}
