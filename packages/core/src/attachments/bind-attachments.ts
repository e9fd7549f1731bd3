import type { Attachment } from '@kakera/contracts';
import type { Tx } from '@kakera/db';
import { AppError } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { attachmentSettings } from './attachment-store.ts';
import { bindToPost } from './attachments.repo.ts';
import { toAttachment } from './attachment-view.ts';

/**
 * Puts uploads on a post as it is created, inside the creating transaction
 * (forum's createThread and createReply): only the poster's own uploads that
 * are on no post yet (else 422 `attachment_unavailable`, field
 * `attachmentIds`), and at most the configured number (else 413).
 */
export async function bindAttachments(
  tx: Tx,
  deps: Deps,
  input: { postId: number; uploaderId: number; ids: number[] },
): Promise<Attachment[]> {
  const ids = [...new Set(input.ids)];
  if (!ids.length) return [];
  const { maxPerPost } = attachmentSettings(deps);
  if (ids.length > maxPerPost) throw tooManyFiles(maxPerPost, 'attachmentIds');
  const bound = await bindToPost(tx, ids, input.uploaderId, input.postId);
  if (bound.length !== ids.length) {
    const missing = ids.filter((id) => !bound.some((b) => b.id === id));
    throw new AppError('attachment_unavailable', 'An attachment is not yours, or is already on a post', {
      fields: [{ path: 'attachmentIds', message: 'Not your upload, or already on a post', code: 'unavailable' }],
      ids: missing,
    });
  }
  return bound.sort((a, b) => a.id - b.id).map(toAttachment);
}

export const tooManyFiles = (maxPerPost: number, path: 'files' | 'attachmentIds') =>
  new AppError('payload_too_large', `At most ${maxPerPost} files per post`, {
    fields: [{ path, message: `At most ${maxPerPost} files per post`, code: 'too_many' }],
    maxPerPost,
  });
