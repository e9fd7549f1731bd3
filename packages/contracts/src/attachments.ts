import { z } from 'zod';
import { Id } from './common.ts';

/**
 * A file on a post (an image or a plain-text log). `name` is the uploader's
 * file name, display text only; `contentType` was sniffed from the content.
 * `url` serves it (images inline, other files as a download); `thumbUrl` is a
 * preview at most 320 px wide, for images only.
 */
export const Attachment = z.object({
  id: z.number().int(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  isImage: z.boolean(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  url: z.string(),
  thumbUrl: z.string().nullable(),
});
export type Attachment = z.infer<typeof Attachment>;

/** `POST /api/attachments` (multipart, one or more `files` parts): the stored uploads, not yet on any post. */
export const UploadAttachmentsResponse = z.object({ attachments: z.array(Attachment) });
export type UploadAttachmentsResponse = z.infer<typeof UploadAttachmentsResponse>;

/** Uploads to put on a new thread or reply: the poster's own, not yet on a post. How many is configured (5 by default). */
export const AttachmentIds = z.array(Id).max(50);
