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
  findQueue,
  unclaimObligation,
} from '@kakera/core';
import type { App, RouteOptions } from './types.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** The 15-minute rule: the staff queue, staff actions on obligations, statistics. */
export async function slaRoutes(app: App, { deps, timeZone }: RouteOptions & { timeZone: string }) {
  app.get('/sla/queue', { schema: { tags: ['sla'], querystring: QueueQuery, response: { 200: QueueResponse, ...errors } } }, async (req) =>
    findQueue(deps, req.actor, req.query),
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
    { schema: { tags: ['categories'], params: CategoryParams, response: { 200: ResponsivenessResponse, ...errors } } },
    async (req) => findCategoryResponsiveness(deps, req.params.slug),
  );
}
