import type { Attachment } from '@kakera/contracts';
import { IMAGE_TYPES } from './attachment-rules.ts';
import type { AttachmentRow } from './attachments.repo.ts';

export function toAttachment(
  a: Pick<AttachmentRow, 'id' | 'originalName' | 'contentType' | 'size' | 'width' | 'height' | 'thumbName'>,
): Attachment {
  const isImage = IMAGE_TYPES.has(a.contentType);
  return {
    id: a.id,
    name: a.originalName,
    contentType: a.contentType,
    size: a.size,
    isImage,
    width: a.width,
    height: a.height,
    url: `/api/attachments/${a.id}`,
    thumbUrl: a.thumbName ? `/api/attachments/${a.id}/thumb` : null,
  };
}
