import { Digest, DigestDateParams, DigestListQuery, DigestListResponse, ErrorBody } from '@kakera/contracts';
import { findDigests, generateDigest, getDigest } from '@kakera/core';
import type { App, RouteOptions } from './types.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody };

/** The executive daily digest: the archive, one date, regenerate one date (executives and admins). */
export async function digestRoutes(app: App, { deps, timeZone }: RouteOptions & { timeZone: string }) {
  app.get(
    '/digests',
    { schema: { tags: ['digests'], querystring: DigestListQuery, response: { 200: DigestListResponse, ...errors } } },
    async (req) => findDigests(deps, req.actor, req.query),
  );

  app.get(
    '/digests/:date',
    { schema: { tags: ['digests'], params: DigestDateParams, response: { 200: Digest, ...errors } } },
    async (req) => getDigest(deps, req.actor, req.params.date),
  );

  app.post(
    '/digests/:date/generate',
    { schema: { tags: ['digests'], params: DigestDateParams, response: { 200: Digest, ...errors } } },
    async (req) => {
      await app.rateLimit('write-user', req.actor.kind === 'user' ? req.actor.id : req.ip);
      return generateDigest(deps, req.actor, { date: req.params.date, timeZone });
    },
  );
}
