import {
  CategoryListResponse,
  CategoryParams,
  CategoryResponse,
  CreateCategoryBody,
  ErrorBody,
  ThreadListQuery,
  ThreadListResponse,
  UpdateCategoryBody,
} from '@kakera/contracts';
import { createCategory, findCategories, getCategory, listCategoryThreads, threadListAudience, updateCategory } from '@kakera/core';
import type { App, RouteOptions } from './types.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function categoryRoutes(app: App, { deps }: RouteOptions) {
  app.get(
    '/categories',
    { schema: { tags: ['categories'], response: { 200: CategoryListResponse } }, config: { readCache: {} } },
    async () => ({ categories: await findCategories(deps) }),
  );

  app.post(
    '/categories',
    { schema: { tags: ['categories'], body: CreateCategoryBody, response: { 201: CategoryResponse, ...errors } } },
    async (req, reply) => {
      const category = await createCategory(deps, req.actor, req.body);
      return reply.code(201).send({ category });
    },
  );

  app.get(
    '/categories/:slug',
    { schema: { tags: ['categories'], params: CategoryParams, response: { 200: CategoryResponse, ...errors } }, config: { readCache: {} } },
    async (req) => ({
      category: await getCategory(deps, req.params.slug),
    }),
  );

  app.patch(
    '/categories/:slug',
    { schema: { tags: ['categories'], params: CategoryParams, body: UpdateCategoryBody, response: { 200: CategoryResponse, ...errors } } },
    async (req) => ({
      category: await updateCategory(deps, req.actor, req.params.slug, req.body),
    }),
  );

  app.get(
    '/categories/:slug/threads',
    {
      schema: {
        tags: ['categories'],
        params: CategoryParams,
        querystring: ThreadListQuery,
        response: { 200: ThreadListResponse, ...errors },
      },
      // The same for every reader of an audience (core): signed-in fans share the guests' answer.
      config: { readCache: { audience: threadListAudience } },
    },
    async (req) => listCategoryThreads(deps, req.actor, req.params.slug, req.query),
  );
}
