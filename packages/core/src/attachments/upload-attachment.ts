import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rename, stat } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import sharp from 'sharp';
import type { Attachment } from '@kakera/contracts';
import { requireActiveUser, type Actor } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { IMAGE_TYPES, isPlainText, TEXT_TYPE, THUMB_WIDTH, cleanFileName } from './attachment-rules.ts';
import { attachmentSettings, removeQuietly, storedPath } from './attachment-store.ts';
import { insertAttachment } from './attachments.repo.ts';
import { toAttachment } from './attachment-view.ts';

/** Images larger than this many pixels are refused before decoding (a decompression bomb). */
const MAX_PIXELS = 50_000_000;

export const unsupportedFile = (name: string) =>
  new AppError('unsupported_media_type', `${name}: only PNG, JPEG, GIF and WebP images and plain-text logs can be attached`, {
    fields: [{ path: 'files', message: 'Only PNG, JPEG, GIF and WebP images and plain-text logs (.txt, .log)', code: 'type' }],
    name,
  });

export const fileTooLarge = (name: string, maxBytes: number) =>
  new AppError('payload_too_large', `${name} is larger than ${maxBytes} bytes`, {
    fields: [{ path: 'files', message: `At most ${maxBytes} bytes per file`, code: 'too_large' }],
    name,
    maxBytes,
  });

/**
 * Keeps a file the user uploaded (already streamed to `tempPath` by the
 * API, within the size limit): its type is sniffed from the content (PNG,
 * JPEG, GIF, WebP, or UTF-8 text without NUL bytes and not markup), images
 * get their size and a thumbnail, and it is stored under a generated name.
 * It is on no post until the uploader creates one with it (bindAttachments);
 * unbound uploads are swept after a day. The temporary file is gone afterwards
 * either way.
 */
export async function uploadAttachment(deps: Deps, actor: Actor, input: { tempPath: string; fileName: string }): Promise<Attachment> {
  const user = requireActiveUser(actor);
  const { dir, maxBytes } = attachmentSettings(deps);
  const name = cleanFileName(input.fileName);
  const storageName = randomBytes(16).toString('hex');
  const path = storedPath(dir, storageName);
  let thumbPath: string | null = null;
  try {
    const { size } = await stat(input.tempPath);
    if (size > maxBytes) throw fileTooLarge(name, maxBytes);
    const sniffed = await fileTypeFromFile(input.tempPath);
    let contentType: string;
    let width: number | null = null;
    let height: number | null = null;
    if (sniffed && IMAGE_TYPES.has(sniffed.mime)) {
      contentType = sniffed.mime;
      const meta = await sharp(input.tempPath, { limitInputPixels: MAX_PIXELS })
        .metadata()
        .catch(() => null);
      if (!meta?.width || !meta.height) throw unsupportedFile(name);
      // As shown: a photo turned by its EXIF orientation has its sides swapped.
      const turned = (meta.orientation ?? 1) >= 5;
      width = turned ? meta.height : meta.width;
      height = turned ? meta.width : meta.height;
      thumbPath = storedPath(dir, `${storageName}.thumb.webp`);
      await sharp(input.tempPath, { limitInputPixels: MAX_PIXELS })
        .rotate()
        .resize({ width: THUMB_WIDTH, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toFile(thumbPath)
        .catch(() => {
          throw unsupportedFile(name);
        });
    } else if (!sniffed && isPlainText(await readFile(input.tempPath))) {
      contentType = TEXT_TYPE;
    } else {
      throw unsupportedFile(name);
    }
    const sha256 = await hashFile(input.tempPath);
    await rename(input.tempPath, path);
    const row = await insertAttachment(deps.db, {
      uploaderId: user.id,
      originalName: name,
      contentType,
      size,
      sha256,
      width,
      height,
      storageName,
      thumbName: thumbPath ? `${storageName}.thumb.webp` : null,
      createdAt: deps.clock.now(),
    });
    return toAttachment(row);
  } catch (e) {
    await removeQuietly(path);
    if (thumbPath) await removeQuietly(thumbPath);
    throw e;
  } finally {
    await removeQuietly(input.tempPath);
  }
}

function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
