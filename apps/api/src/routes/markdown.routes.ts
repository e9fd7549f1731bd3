import { ErrorBody, MarkdownPreviewBody, MarkdownPreviewResponse } from '@kakera/contracts';
import { previewMarkdown, requireActiveUser } from '@kakera/core';
import type { App, RouteOptions } from './types.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody };

/** The editor's Preview tab: a body rendered exactly as a post with it would be. */
export async function markdownRoutes(app: App, { deps }: RouteOptions) {
  app.post(
    '/markdown/preview',
    {
      schema: { tags: ['posts'], body: MarkdownPreviewBody, response: { 200: MarkdownPreviewResponse, ...errors } },
      config: { keepsReadCache: true },
    },
    async (req) => {
      // Guests and suspended users are refused before they count against anyone's limit.
      await app.rateLimit('preview-user', requireActiveUser(req.actor).id);
      return previewMarkdown(deps, req.actor, req.body);
    },
  );
}
