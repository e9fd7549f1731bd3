import {
  BadgeListResponse,
  ErrorBody,
  LeaderboardQuery,
  LeaderboardResponse,
  PointsHistoryQuery,
  PointsHistoryResponse,
  UserParams,
} from '@kakera/contracts';
import { findBadges, findLeaderboard, findPointsHistory, getUserProfile } from '@kakera/core';
import type { App, RouteOptions } from './types.ts';

const errors = { 400: ErrorBody, 404: ErrorBody };

/** Fan ranks: the leaderboard, a person's points history and badges (all public, like profiles). */
export async function rankRoutes(app: App, { deps }: RouteOptions) {
  app.get(
    '/leaderboard',
    { schema: { tags: ['ranks'], querystring: LeaderboardQuery, response: { 200: LeaderboardResponse, ...errors } } },
    async (req) => findLeaderboard(deps, req.query),
  );

  app.get(
    '/users/:id/points',
    {
      schema: { tags: ['ranks'], params: UserParams, querystring: PointsHistoryQuery, response: { 200: PointsHistoryResponse, ...errors } },
    },
    async (req) => findPointsHistory(deps, req.params.id, req.query),
  );

  app.get(
    '/users/:id/badges',
    { schema: { tags: ['ranks'], params: UserParams, response: { 200: BadgeListResponse, ...errors } } },
    async (req) => {
      await getUserProfile(deps, req.params.id);
      return { badges: await findBadges(deps.db, req.params.id) };
    },
  );
}
