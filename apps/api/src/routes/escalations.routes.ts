import { EscalateBody, EscalationListQuery, EscalationListResponse, EscalationResponse, ErrorBody, IdParams } from '@kakera/contracts';
import { acknowledgeEscalation, escalate, findMyEscalations } from '@kakera/core';
import type { App, RouteOptions } from './types.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Escalations: staff put a thread or an issue before an owner or an executive, who acknowledges it. */
export async function escalationRoutes(app: App, { deps }: RouteOptions) {
  app.post(
    '/escalations',
    { schema: { tags: ['escalations'], body: EscalateBody, response: { 201: EscalationResponse, ...errors } } },
    async (req, reply) => reply.code(201).send({ escalation: await escalate(deps, req.actor, req.body) }),
  );

  app.get(
    '/escalations',
    { schema: { tags: ['escalations'], querystring: EscalationListQuery, response: { 200: EscalationListResponse, ...errors } } },
    async (req) => findMyEscalations(deps, req.actor, req.query.state),
  );

  app.post(
    '/escalations/:id/acknowledge',
    { schema: { tags: ['escalations'], params: IdParams, response: { 200: EscalationResponse, ...errors } } },
    async (req) => ({ escalation: await acknowledgeEscalation(deps, req.actor, req.params.id) }),
  );
}
