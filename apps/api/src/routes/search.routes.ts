import { ErrorBody, SearchQuery, SearchResponse, SimilarThreadsQuery, SimilarThreadsResponse } from '@kakera/contracts';
import { findSimilarThreads, searchPosts } from '@kakera/core';
import type { App, RouteOptions } from './types.ts';

const errors = { 400: ErrorBody, 429: ErrorBody };

/** Full-text search, and the threads like a title being typed. Open to guests; what each reader finds is core's decision. */
export async function searchRoutes(app: App, { deps, timeZone }: RouteOptions & { timeZone: string }) {
  app.get(
    '/search',
    {
      schema: { tags: ['search'], querystring: SearchQuery, response: { 200: SearchResponse, ...errors } },
      config: { readCache: { rateLimit: 'search-ip' } },
    },
    async (req) => {
      await app.rateLimit('search-ip', req.ip);
      return searchPosts(deps, req.actor, { ...req.query, timeZone });
    },
  );

  app.get(
    '/search/similar',
    {
      schema: { tags: ['search'], querystring: SimilarThreadsQuery, response: { 200: SimilarThreadsResponse, ...errors } },
      config: { readCache: { rateLimit: 'search-ip' } },
    },
    async (req) => {
      await app.rateLimit('search-ip', req.ip);
      return { threads: await findSimilarThreads(deps, req.actor, req.query.title, req.query.limit) };
    },
  );
}
