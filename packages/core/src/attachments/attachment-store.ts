import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits } from './attachment-rules.ts';

/** Where files go and how big and many they may be: `deps.config.attachments` (apps/api: UPLOAD_DIR and the limits). */
export function attachmentSettings(deps: Deps): AttachmentLimits & { dir: string } {
  const c = deps.config.attachments;
  if (!c) throw new AppError('internal', 'Attachments are not configured (deps.config.attachments)');
  return { ...DEFAULT_ATTACHMENT_LIMITS, ...c };
}

/** A stored file's path: names are generated (random hex), never the user's. */
export function storedPath(dir: string, name: string): string {
  if (!/^[a-f0-9]{32}(\.thumb\.webp)?$/.test(name)) throw new AppError('internal', 'Unexpected stored file name');
  return join(dir, name);
}

/** Where uploads are streamed before they are checked (same file system as `dir`, so the move is a rename). */
export async function tempDir(dir: string): Promise<string> {
  const tmp = join(dir, 'tmp');
  await mkdir(tmp, { recursive: true });
  return tmp;
}

export async function removeQuietly(path: string): Promise<void> {
  await rm(path, { force: true });
}
