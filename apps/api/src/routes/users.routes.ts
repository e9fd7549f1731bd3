import { z } from 'zod';
import {
  ErrorBody,
  StaffListResponse,
  UpdateUserBody,
  UserListQuery,
  UserListResponse,
  UserParams,
  UserProfile,
  UserThreadsResponse,
  UserAnswersQuery,
  UserAnswersResponse,
} from '@kakera/contracts';
import { findAcceptedAnswers, findStaff, getUserProfile, listUsers, listUserThreads, updateUser } from '@kakera/core';
import type { App, RouteOptions } from './types.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function userRoutes(app: App, { deps }: RouteOptions) {
  app.get(
    '/users',
    { schema: { tags: ['users'], querystring: UserListQuery, response: { 200: UserListResponse, ...errors } } },
    async (req) => ({
      users: await listUsers(deps, req.actor, req.query.q, req.query.limit),
    }),
  );

  app.get('/users/staff', { schema: { tags: ['users'], response: { 200: StaffListResponse, ...errors } } }, async (req) => ({
    staff: await findStaff(deps, req.actor),
  }));

  app.get(
    '/users/:id',
    { schema: { tags: ['users'], params: UserParams, response: { 200: z.object({ user: UserProfile }), ...errors } } },
    async (req) => ({
      user: await getUserProfile(deps, req.params.id, req.actor),
    }),
  );

  app.get(
    '/users/:id/threads',
    { schema: { tags: ['users'], params: UserParams, response: { 200: UserThreadsResponse, ...errors } } },
    async (req) => {
      await getUserProfile(deps, req.params.id);
      return { threads: await listUserThreads(deps, req.actor, req.params.id) };
    },
  );

  app.get(
    '/users/:id/answers',
    {
      schema: { tags: ['users'], params: UserParams, querystring: UserAnswersQuery, response: { 200: UserAnswersResponse, ...errors } },
    },
    async (req) => {
      await getUserProfile(deps, req.params.id);
      return findAcceptedAnswers(deps, req.actor, req.params.id, req.query);
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: { tags: ['users'], params: UserParams, body: UpdateUserBody, response: { 200: z.object({ user: UserProfile }), ...errors } },
    },
    async (req) => {
      await app.rateLimit('write-user', req.actor.kind === 'user' ? req.actor.id : req.ip);
      return { user: await updateUser(deps, req.actor, req.params.id, req.body) };
    },
  );
}
