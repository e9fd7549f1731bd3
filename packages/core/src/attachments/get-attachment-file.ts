import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { findPostAccess } from '../forum/post-access-reads.ts';
import { canSeePostContent } from '../forum/post-policy.ts';
import { contentDisposition, downloadName, IMAGE_TYPES } from './attachment-rules.ts';
import { attachmentSettings, storedPath } from './attachment-store.ts';
import { findAttachmentRow } from './attachments.repo.ts';

export interface AttachmentFile {
  path: string;
  contentType: string;
  size: number | null;
  /** `inline` for images, a download for everything else. */
  disposition: string;
  sha256: string;
}

/**
 * A stored file for serving, or not found for readers who may not see it: an
 * upload on no post is its uploader's alone; on a post, whoever may see that
 * post's content (forum's `canSeePostContent`: hidden or deleted posts and
 * hidden threads are staff only). `variant: 'thumb'` is an image's preview.
 */
export async function getAttachmentFile(deps: Deps, actor: Actor, id: number, variant: 'full' | 'thumb'): Promise<AttachmentFile> {
  const { dir } = attachmentSettings(deps);
  const row = await findAttachmentRow(deps.db, id);
  if (!row) throw notFound('Attachment');
  if (row.postId === null) {
    if (actor.kind !== 'user' || actor.id !== row.uploaderId) throw notFound('Attachment');
  } else {
    const access = await findPostAccess(deps.db, row.postId);
    if (!access || !canSeePostContent(actor, access.post, access.thread)) throw notFound('Attachment');
  }
  const isImage = IMAGE_TYPES.has(row.contentType);
  if (variant === 'thumb') {
    if (!row.thumbName) throw notFound('Thumbnail');
    return {
      path: storedPath(dir, row.thumbName),
      contentType: 'image/webp',
      size: null,
      disposition: contentDisposition('inline', `${row.originalName}.webp`),
      sha256: `${row.sha256}-thumb`,
    };
  }
  return {
    path: storedPath(dir, row.storageName),
    contentType: row.contentType,
    size: row.size,
    disposition: contentDisposition(isImage ? 'inline' : 'attachment', downloadName(row.originalName, isImage)),
    sha256: row.sha256,
  };
}
