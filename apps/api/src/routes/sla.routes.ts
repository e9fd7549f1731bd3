import {
  CategoryParams,
  CloseObligationBody,
  ErrorBody,
  IdParams,
  QueueQuery,
  QueueResponse,
  ResponsivenessResponse,
  SlaObligationResponse,
  StatsQuery,
  StatsResponse,
} from '@kakera/contracts';
import {
  claimObligation,
  closeObligationAsNoResponseNeeded,
  computeSlaStats,
  findCategoryResponsiveness,
  findQueuePage,
  unclaimObligation,
  type QueueSnapshot,
} from '@kakera/core';
import type { App, RouteOptions } from './types.ts';
import { queueJson } from './queue-json.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** The 15-minute rule: the staff queue, staff actions on obligations, statistics. */
export async function slaRoutes(
  app: App,
  { deps, timeZone, queueSnapshot }: RouteOptions & { timeZone: string; queueSnapshot?: QueueSnapshot },
) {
  app.get(
    '/sla/queue',
    // Every answer carries the server's `now` (the countdowns' reference): no ETag could ever match.
    { schema: { tags: ['sla'], querystring: QueueQuery, response: { 200: QueueResponse, ...errors } }, config: { etag: false } },
    async (req, reply) => {
      const json = queueJson(await findQueuePage(deps, req.actor, req.query, queueSnapshot));
      // Bytes with a JSON type are sent as they are, past the response serializer: see queue-json.ts.
      return reply.type('application/json; charset=utf-8').send(json as unknown as QueueResponse);
    },
  );

  app.post(
    '/sla/obligations/:id/claim',
    { schema: { tags: ['sla'], params: IdParams, response: { 200: SlaObligationResponse, ...errors } } },
    async (req) => ({
      obligation: await claimObligation(deps, req.actor, req.params.id),
    }),
  );

  app.delete(
    '/sla/obligations/:id/claim',
    { schema: { tags: ['sla'], params: IdParams, response: { 200: SlaObligationResponse, ...errors } } },
    async (req) => ({
      obligation: await unclaimObligation(deps, req.actor, req.params.id),
    }),
  );

  app.post(
    '/sla/obligations/:id/close',
    { schema: { tags: ['sla'], params: IdParams, body: CloseObligationBody, response: { 200: SlaObligationResponse, ...errors } } },
    async (req) => ({ obligation: await closeObligationAsNoResponseNeeded(deps, req.actor, req.params.id, req.body) }),
  );

  app.get('/sla/stats', { schema: { tags: ['sla'], querystring: StatsQuery, response: { 200: StatsResponse, ...errors } } }, async (req) =>
    computeSlaStats(deps, req.actor, { ...req.query, timeZone }),
  );

  app.get(
    '/categories/:slug/responsiveness',
    // The same for everyone: guests' answers are kept (read-cache.ts), and so the board pages made of them.
    {
      schema: { tags: ['categories'], params: CategoryParams, response: { 200: ResponsivenessResponse, ...errors } },
      config: { readCache: {} },
    },
    async (req) => findCategoryResponsiveness(deps, req.params.slug),
  );
}
