import { z } from 'zod';
import {
  BulkUpdateIssuesBody,
  BulkUpdateIssuesResponse,
  ErrorBody,
  IdParams,
  IssueDetailResponse,
  IssueKeyParams,
  IssueListQuery,
  IssueListResponse,
  IssueResponse,
  MergeBody,
  NoteBody,
  NoteResponse,
  PromoteBody,
  PromoteDraftResponse,
  RoadmapQuery,
  RoadmapResponse,
  SimilarIssuesQuery,
  SimilarIssuesResponse,
  UpdateIssueBody,
  VoteResponse,
} from '@kakera/contracts';
import {
  addIssueNote,
  bulkUpdateIssues,
  findPromoteDraft,
  findRoadmap,
  findSimilarIssues,
  getIssue,
  listIssues,
  mergeIssues,
  promoteThread,
  requireActiveUser,
  setVote,
  updateIssue,
} from '@kakera/core';
import type { App, RouteOptions } from './types.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };

/** The tracker: promotion, issues, triage, votes, merge, notes, the roadmap. Rules in core/src/tracker. */
export async function issueRoutes(app: App, { deps }: RouteOptions) {
  app.post(
    '/threads/:id/promote',
    { schema: { tags: ['issues'], params: IdParams, body: PromoteBody, response: { 200: IssueResponse, 201: IssueResponse, ...errors } } },
    async (req, reply) => {
      const { issue, created } = await promoteThread(deps, req.actor, req.params.id, req.body);
      return reply.code(created ? 201 : 200).send({ issue });
    },
  );

  app.get(
    '/threads/:id/promote',
    {
      schema: {
        tags: ['issues'],
        params: IdParams,
        querystring: z.object({ postId: IdParams.shape.id.optional() }),
        response: { 200: PromoteDraftResponse, ...errors },
      },
    },
    async (req) => findPromoteDraft(deps, req.actor, req.params.id, req.query.postId ?? null),
  );

  app.get(
    '/issues',
    { schema: { tags: ['issues'], querystring: IssueListQuery, response: { 200: IssueListResponse, ...errors } } },
    async (req) => listIssues(deps, req.actor, req.query),
  );

  app.patch(
    '/issues',
    { schema: { tags: ['issues'], body: BulkUpdateIssuesBody, response: { 200: BulkUpdateIssuesResponse, ...errors } } },
    async (req) => bulkUpdateIssues(deps, req.actor, req.body.keys, req.body.set),
  );

  app.get(
    '/issues/similar',
    { schema: { tags: ['issues'], querystring: SimilarIssuesQuery, response: { 200: SimilarIssuesResponse, ...errors } } },
    async (req) => ({ issues: await findSimilarIssues(deps, req.actor, req.query.title, req.query.limit) }),
  );

  app.get(
    '/roadmap',
    { schema: { tags: ['issues'], querystring: RoadmapQuery, response: { 200: RoadmapResponse, ...errors } } },
    async (req) => findRoadmap(deps, req.actor, req.query.component),
  );

  app.get(
    '/issues/:key',
    { schema: { tags: ['issues'], params: IssueKeyParams, response: { 200: IssueDetailResponse, ...errors } } },
    async (req) => getIssue(deps, req.actor, req.params.key),
  );

  app.patch(
    '/issues/:key',
    { schema: { tags: ['issues'], params: IssueKeyParams, body: UpdateIssueBody, response: { 200: IssueResponse, ...errors } } },
    async (req) => ({ issue: await updateIssue(deps, req.actor, req.params.key, req.body) }),
  );

  const voter = async (req: { actor: Parameters<typeof requireActiveUser>[0]; ip: string }) => {
    await app.rateLimit('vote-user', requireActiveUser(req.actor).id);
    await app.rateLimit('vote-ip', req.ip);
  };

  app.post(
    '/issues/:key/vote',
    { schema: { tags: ['issues'], params: IssueKeyParams, response: { 200: VoteResponse, ...errors } } },
    async (req) => {
      await voter(req);
      return setVote(deps, req.actor, req.params.key, true);
    },
  );

  app.delete(
    '/issues/:key/vote',
    { schema: { tags: ['issues'], params: IssueKeyParams, response: { 200: VoteResponse, ...errors } } },
    async (req) => {
      await voter(req);
      return setVote(deps, req.actor, req.params.key, false);
    },
  );

  app.post(
    '/issues/:key/merge',
    { schema: { tags: ['issues'], params: IssueKeyParams, body: MergeBody, response: { 200: IssueResponse, ...errors } } },
    async (req) => ({ issue: await mergeIssues(deps, req.actor, req.params.key, req.body.intoKey) }),
  );

  app.post(
    '/issues/:key/notes',
    { schema: { tags: ['issues'], params: IssueKeyParams, body: NoteBody, response: { 201: NoteResponse, ...errors } } },
    async (req, reply) => reply.code(201).send({ note: await addIssueNote(deps, req.actor, req.params.key, req.body.body) }),
  );
}
