import { and, asc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { attachments, type DbOrTx } from '@kakera/db';

export type AttachmentRow = typeof attachments.$inferSelect;

export async function insertAttachment(tx: DbOrTx, values: typeof attachments.$inferInsert): Promise<AttachmentRow> {
  const [row] = await tx.insert(attachments).values(values).returning();
  return row!;
}

export async function findAttachmentRow(db: DbOrTx, id: number): Promise<AttachmentRow | undefined> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
  return row;
}

/** Puts the uploader's own unbound uploads on a post; answers the rows it bound (a race loses the row to the first). */
export async function bindToPost(tx: DbOrTx, ids: number[], uploaderId: number, postId: number): Promise<AttachmentRow[]> {
  return tx
    .update(attachments)
    .set({ postId })
    .where(and(inArray(attachments.id, ids), eq(attachments.uploaderId, uploaderId), isNull(attachments.postId)))
    .returning();
}

/** The attachments of these posts, in upload order: one query for a page of posts (attachments_post_idx). */
export async function findByPosts(db: DbOrTx, postIds: number[]): Promise<AttachmentRow[]> {
  if (!postIds.length) return [];
  return db.select().from(attachments).where(inArray(attachments.postId, postIds)).orderBy(asc(attachments.postId), asc(attachments.id));
}

/** Deletes uploads never put on a post since `before` (at most `limit`), answering their files. */
export async function deleteUnboundBefore(
  tx: DbOrTx,
  before: Date,
  limit: number,
): Promise<Pick<AttachmentRow, 'storageName' | 'thumbName'>[]> {
  const stale = tx
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(isNull(attachments.postId), lt(attachments.createdAt, before)))
    .orderBy(asc(attachments.createdAt))
    .limit(limit);
  return tx
    .delete(attachments)
    .where(inArray(attachments.id, stale))
    .returning({ storageName: attachments.storageName, thumbName: attachments.thumbName });
}
