import type { DbOrTx } from '@kakera/db';
import { findPostRow } from '../forum/get-thread.ts';
import { findLinkOfThread as findLink } from './issues.repo.ts';

/** The issue link of a thread, if any. */
export const findLinkOfThread = (db: DbOrTx, threadId: number) => findLink(db, threadId);

/** Whether `postId` is a post of the thread. */
export async function findPostOfThread(db: DbOrTx, threadId: number, postId: number): Promise<boolean> {
  return (await findPostRow(db, threadId, postId)) !== undefined;
}
