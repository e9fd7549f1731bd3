import type { MarkdownPreviewBody, MarkdownPreviewResponse } from '@kakera/contracts';
import { requireActiveUser, type Actor } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import { renderMarkdown } from './render-markdown.ts';

/**
 * What a post with this body would show, for the editor's Preview tab: the
 * very renderer posts are stored with, so the preview is what gets posted.
 * For those who may write (a guest or a suspended user has nothing to preview).
 */
export function previewMarkdown(_deps: Deps, actor: Actor, input: MarkdownPreviewBody): MarkdownPreviewResponse {
  requireActiveUser(actor);
  return { html: renderMarkdown(input.body) };
}
