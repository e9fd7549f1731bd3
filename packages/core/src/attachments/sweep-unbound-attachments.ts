import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DbOrTx } from '@kakera/db';
import { attachmentSettings, removeQuietly, storedPath } from './attachment-store.ts';
import { deleteUnboundBefore } from './attachments.repo.ts';
import type { Deps } from '../shared/deps.ts';

export const UNBOUND_TTL_MS = 24 * 3600 * 1000;

/**
 * Uploads never put on a post within a day are deleted with their files (a
 * form abandoned after uploading), and so are temporary files left by an
 * upload that died midway. Runs in the job's transaction; a file whose row
 * comes back after a failed commit is simply gone (the row is deleted on the
 * next run). Answers how many uploads it removed.
 */
export async function sweepUnboundAttachments(deps: Pick<Deps, 'config'>, db: DbOrTx, now: Date, limit = 1000): Promise<number> {
  const { dir } = attachmentSettings(deps as Deps);
  const before = new Date(now.getTime() - UNBOUND_TTL_MS);
  const gone = await deleteUnboundBefore(db, before, limit);
  for (const f of gone) {
    await removeQuietly(storedPath(dir, f.storageName));
    if (f.thumbName) await removeQuietly(storedPath(dir, f.thumbName));
  }
  const tmp = join(dir, 'tmp');
  const names = await readdir(tmp).catch(() => [] as string[]);
  for (const name of names) {
    const s = await stat(join(tmp, name)).catch(() => null);
    if (s && s.mtimeMs < before.getTime()) await removeQuietly(join(tmp, name));
  }
  return gone.length;
}
