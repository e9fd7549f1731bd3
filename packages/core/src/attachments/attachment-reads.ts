import type { Attachment } from '@kakera/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { attachments } from '@kakera/db';
import { toAttachment } from './attachment-view.ts';

/**
 * A post's attachments as one JSON array (null when it has none), oldest
 * first, for a query that reads a page of posts in one statement (the forum's
 * thread view); `toPostAttachments` turns it into what readers see.
 */
export const postAttachmentsJsonSql = (postId: SQL | AnyPgColumn): SQL<PostAttachmentJson[] | null> =>
  sql<PostAttachmentJson[] | null>`(select json_agg(json_build_object('id', pa.id, 'originalName', pa.original_name,
    'contentType', pa.content_type, 'size', pa.size, 'width', pa.width, 'height', pa.height, 'thumbName', pa.thumb_name) order by pa.id)
    from ${attachments} pa where pa.post_id = ${postId})`;
export type PostAttachmentJson = {
  id: number;
  originalName: string;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
  thumbName: string | null;
};

export const toPostAttachments = (json: PostAttachmentJson[] | null): Attachment[] => (json ?? []).map(toAttachment);
