import {
  AuditListResponse,
  AuditQuery,
  ErrorBody,
  FlagListQuery,
  FlagListResponse,
  FlagPostBody,
  FlagResponse,
  HidePostBody,
  HideThreadBody,
  IdParams,
  LockThreadBody,
  MoveThreadBody,
  PinThreadBody,
  PostResponse,
  SettleFlagBody,
  SuspendUserBody,
  ThreadResponse,
  UserProfile,
} from '@kakera/contracts';
import {
  dismissFlag,
  findAuditLog,
  findFlags,
  flagPost,
  hidePost,
  hideThread,
  moveThread,
  resolveFlag,
  setThreadLocked,
  setThreadPinned,
  suspendUser,
  unhidePost,
  unhideThread,
} from '@kakera/core';
import { z } from 'zod';
import type { App, RouteOptions } from './types.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Staff moderation (threads, posts, flags, suspension) and the audit log; every action is audited in core. */
export async function moderationRoutes(app: App, { deps, timeZone }: RouteOptions & { timeZone: string }) {
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

  app.post(
    '/posts/:id/hide',
    { schema: { tags: ['moderation'], params: IdParams, body: HidePostBody, response: { 200: PostResponse, ...errors } } },
    async (req) => ({ post: await hidePost(deps, req.actor, req.params.id, req.body) }),
  );

  app.post(
    '/posts/:id/unhide',
    { schema: { tags: ['moderation'], params: IdParams, response: { 200: PostResponse, ...errors } } },
    async (req) => ({ post: await unhidePost(deps, req.actor, req.params.id) }),
  );

  app.post(
    '/posts/:id/flag',
    { schema: { tags: ['moderation'], params: IdParams, body: FlagPostBody, response: { 201: FlagResponse, ...errors } } },
    async (req, reply) => {
      await app.rateLimit('write-user', req.actor.kind === 'user' ? req.actor.id : req.ip);
      const flag = await flagPost(deps, req.actor, req.params.id, req.body);
      return reply.code(201).send({ flag });
    },
  );

  app.get(
    '/flags',
    { schema: { tags: ['moderation'], querystring: FlagListQuery, response: { 200: FlagListResponse, ...errors } } },
    async (req) => findFlags(deps, req.actor, req.query),
  );

  app.post(
    '/flags/:id/resolve',
    { schema: { tags: ['moderation'], params: IdParams, body: SettleFlagBody, response: { 200: FlagResponse, ...errors } } },
    async (req) => ({ flag: await resolveFlag(deps, req.actor, req.params.id, req.body) }),
  );

  app.post(
    '/flags/:id/dismiss',
    { schema: { tags: ['moderation'], params: IdParams, body: SettleFlagBody, response: { 200: FlagResponse, ...errors } } },
    async (req) => ({ flag: await dismissFlag(deps, req.actor, req.params.id, req.body) }),
  );

  app.post(
    '/users/:id/suspend',
    {
      schema: {
        tags: ['moderation'],
        params: IdParams,
        body: SuspendUserBody,
        response: { 200: z.object({ user: UserProfile }), ...errors },
      },
    },
    async (req) => ({ user: await suspendUser(deps, req.actor, req.params.id, req.body) }),
  );

  app.get(
    '/audit',
    { schema: { tags: ['moderation'], querystring: AuditQuery, response: { 200: AuditListResponse, ...errors } } },
    async (req) => findAuditLog(deps, req.actor, { ...req.query, timeZone }),
  );
}
