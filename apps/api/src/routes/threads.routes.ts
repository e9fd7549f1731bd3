import {
  AcceptBody,
  CreatePostBody,
  CreateThreadBody,
  EditPostBody,
  ErrorBody,
  IdParams,
  LatestThreadsQuery,
  LatestThreadsResponse,
  LikeResponse,
  PostResponse,
  ResolutionBody,
  RevisionListResponse,
  ThreadDetailQuery,
  ThreadDetailResponse,
  ThreadResponse,
} from '@kakera/contracts';
import {
  createReply,
  createThread,
  deletePost,
  editPost,
  findRevisions,
  listLatestThreads,
  requireActiveUser,
  setAcceptedAnswer,
  setLike,
  setResolution,
  threadListAudience,
} from '@kakera/core';
import { threadPageAnswers } from './thread-page-answer.ts';
import type { z } from 'zod';
import type { App, RouteOptions } from './types.ts';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  422: ErrorBody,
  429: ErrorBody,
};

export async function threadRoutes(app: App, { deps }: RouteOptions) {
  // Who is writing, for the per-user limits; unauthenticated writes fail in core before they count.
  const writer = (req: { actor: Parameters<typeof requireActiveUser>[0] }) => requireActiveUser(req.actor).id;
  const threadPage = threadPageAnswers(deps, app.readCache);

  app.post(
    '/threads',
    { schema: { tags: ['threads'], body: CreateThreadBody, response: { 201: ThreadResponse, ...errors } } },
    async (req, reply) => {
      await app.rateLimit('thread-user', writer(req));
      const thread = await createThread(deps, req.actor, req.body);
      return reply.code(201).send({ thread });
    },
  );

  app.get(
    '/threads',
    {
      schema: { tags: ['threads'], querystring: LatestThreadsQuery, response: { 200: LatestThreadsResponse, ...errors } },
      config: { readCache: { audience: threadListAudience } },
    },
    async (req) => ({ threads: await listLatestThreads(deps, req.actor, req.query.limit) }),
  );

  app.get(
    '/threads/:id',
    {
      schema: { tags: ['threads'], params: IdParams, querystring: ThreadDetailQuery, response: { 200: ThreadDetailResponse, ...errors } },
      config: { readCache: {} },
    },
    async (req, reply) => {
      // The page as the reader's audience reads it, from memory, with their own parts (thread-page-answer.ts).
      const { body, etag, until } = await threadPage(req.actor, req.url, req.params.id, req.query);
      // A guest's answer is also kept as sent: no longer than the response clock's state it shows.
      req.readCacheUntil = until;
      // Already JSON, made through the contract's schemas: sent as it is (a string skips the serializer).
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('etag', etag)
        .send(body as unknown as z.infer<typeof ThreadDetailResponse>);
    },
  );

  app.post(
    '/threads/:id/posts',
    { schema: { tags: ['threads'], params: IdParams, body: CreatePostBody, response: { 201: PostResponse, ...errors } } },
    async (req, reply) => {
      await app.rateLimit('post-user', writer(req));
      await app.rateLimit('post-ip', req.ip);
      const post = await createReply(deps, req.actor, req.params.id, req.body.body, req.body.attachmentIds);
      return reply.code(201).send({ post });
    },
  );

  app.post(
    '/threads/:id/accept',
    { schema: { tags: ['threads'], params: IdParams, body: AcceptBody, response: { 200: ThreadResponse, ...errors } } },
    async (req) => ({
      thread: await setAcceptedAnswer(deps, req.actor, req.params.id, req.body.postId),
    }),
  );

  app.delete(
    '/threads/:id/accept',
    { schema: { tags: ['threads'], params: IdParams, response: { 200: ThreadResponse, ...errors } } },
    async (req) => ({
      thread: await setAcceptedAnswer(deps, req.actor, req.params.id, null),
    }),
  );

  app.post(
    '/threads/:id/resolution',
    { schema: { tags: ['threads'], params: IdParams, body: ResolutionBody, response: { 200: ThreadResponse, ...errors } } },
    async (req) => ({
      thread: await setResolution(deps, req.actor, req.params.id, req.body.solved),
    }),
  );

  app.patch(
    '/posts/:id',
    { schema: { tags: ['posts'], params: IdParams, body: EditPostBody, response: { 200: PostResponse, ...errors } } },
    async (req) => {
      await app.rateLimit('write-user', writer(req));
      return { post: await editPost(deps, req.actor, req.params.id, req.body.body) };
    },
  );

  app.delete('/posts/:id', { schema: { tags: ['posts'], params: IdParams, response: { 200: PostResponse, ...errors } } }, async (req) => ({
    post: await deletePost(deps, req.actor, req.params.id),
  }));

  app.get(
    '/posts/:id/revisions',
    { schema: { tags: ['posts'], params: IdParams, response: { 200: RevisionListResponse, ...errors } } },
    async (req) => ({
      revisions: await findRevisions(deps, req.actor, req.params.id),
    }),
  );

  app.post(
    '/posts/:id/like',
    { schema: { tags: ['posts'], params: IdParams, response: { 200: LikeResponse, ...errors } } },
    async (req) => {
      await app.rateLimit('like-user', writer(req));
      return setLike(deps, req.actor, req.params.id, true);
    },
  );

  app.delete(
    '/posts/:id/like',
    { schema: { tags: ['posts'], params: IdParams, response: { 200: LikeResponse, ...errors } } },
    async (req) => {
      await app.rateLimit('like-user', writer(req));
      return setLike(deps, req.actor, req.params.id, false);
    },
  );
}
