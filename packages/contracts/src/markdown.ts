import { z } from 'zod';
import { Body } from './threads.ts';

/** `POST /api/markdown/preview`: a post's body (the same limits as a post), rendered as a post would be. */
export const MarkdownPreviewBody = z.object({ body: Body });
export type MarkdownPreviewBody = z.infer<typeof MarkdownPreviewBody>;
/** The safe HTML a post with this body would get (raw HTML off, safe link schemes only). */
export const MarkdownPreviewResponse = z.object({ html: z.string() });
export type MarkdownPreviewResponse = z.infer<typeof MarkdownPreviewResponse>;
