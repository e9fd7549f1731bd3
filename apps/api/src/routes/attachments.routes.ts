import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import { ErrorBody, IdParams, UploadAttachmentsResponse, type Attachment } from '@kakera/contracts';
import {
  AppError,
  attachmentTempDir,
  fileTooLarge,
  getAttachmentFile,
  requireActiveUser,
  tooManyFiles,
  unsupportedFile,
  uploadAttachment,
  type Actor,
} from '@kakera/core';
import type { FastifyReply } from 'fastify';
import type { App, RouteOptions } from './types.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody, 429: ErrorBody };

/**
 * Uploads and serving. @fastify/multipart is registered in this plugin's own
 * scope (encapsulated, no fastify-plugin): a parser at the root would also
 * consume the request bodies that mount-web.ts hands to SvelteKit's form
 * actions.
 */
export async function attachmentRoutes(app: App, { deps }: RouteOptions) {
  const limits = deps.config.attachments!;
  await app.register(multipart, {
    limits: {
      fileSize: limits.maxBytes,
      files: limits.maxPerPost,
      fields: 10,
      fieldSize: 1024,
      parts: limits.maxPerPost + 10,
      headerPairs: 100,
    },
  });

  app.post(
    '/attachments',
    {
      schema: {
        tags: ['attachments'],
        summary: 'Upload files (multipart/form-data, `files` parts); they go on a post through its attachmentIds',
        consumes: ['multipart/form-data'],
        response: { 201: UploadAttachmentsResponse, ...errors },
      },
    },
    async (req, reply) => {
      const user = requireActiveUser(req.actor);
      await app.rateLimit('upload-user', user.id);
      if (!req.isMultipart()) {
        throw new AppError('unsupported_media_type', 'Send multipart/form-data with one or more `files` parts', {
          fields: [{ path: 'files', message: 'Send the files as multipart/form-data', code: 'multipart' }],
        });
      }
      const tmp = await attachmentTempDir(limits.dir);
      // First every file to a temporary file, the size checked as it streams (busboy stops at the limit) …
      const received: { tempPath: string; fileName: string }[] = [];
      try {
        for await (const part of req.files()) {
          const tempPath = join(tmp, randomBytes(16).toString('hex'));
          received.push({ tempPath, fileName: part.filename || 'file' });
          await pipeline(part.file, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
          if (part.file.truncated) throw fileTooLarge(part.filename || 'file', limits.maxBytes);
        }
        if (!received.length) {
          throw new AppError('invalid_input', 'No file in the request', { fields: [{ path: 'files', message: 'Choose a file' }] });
        }
      } catch (e) {
        await Promise.all(received.map((r) => rm(r.tempPath, { force: true })));
        throw multipartError(e, limits.maxBytes, limits.maxPerPost, received.at(-1)?.fileName ?? 'file');
      }
      // … then each one checked by its content and kept (core removes the temporary file either way).
      const stored: Attachment[] = [];
      for (const [i, r] of received.entries()) {
        try {
          stored.push(await uploadAttachment(deps, req.actor, r));
        } catch (e) {
          await Promise.all(received.slice(i + 1).map((rest) => rm(rest.tempPath, { force: true })));
          throw e;
        }
      }
      return reply.code(201).send({ attachments: stored });
    },
  );

  const serve = async (actor: Actor, id: number, variant: 'full' | 'thumb', reply: FastifyReply) => {
    const file = await getAttachmentFile(deps, actor, id, variant);
    const stream = createReadStream(file.path);
    // A row whose file is gone (a failed sweep): not found rather than a broken response.
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', () => reject(new AppError('not_found', 'Attachment not found')));
    });
    return (
      reply
        .header('content-type', file.contentType)
        .header('content-disposition', file.disposition)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
        .header('cross-origin-resource-policy', 'same-origin')
        // A file never changes under its id; private, since who may read it depends on the reader.
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('etag', `"${file.sha256}"`)
        .send(stream)
    );
  };

  const serveSchema = (summary: string) => ({
    schema: {
      tags: ['attachments'],
      summary,
      params: IdParams,
      response: { 404: ErrorBody, 400: ErrorBody },
    },
  });
  app.get('/attachments/:id', serveSchema('A file: images inline, everything else as a download'), (req, reply) =>
    serve(req.actor, req.params.id, 'full', reply),
  );
  app.get('/attachments/:id/thumb', serveSchema('An image’s thumbnail (WebP, at most 320 px wide)'), (req, reply) =>
    serve(req.actor, req.params.id, 'thumb', reply),
  );
}

/** Multipart's own errors (busboy limits, a broken body) as the API's error codes. */
function multipartError(e: unknown, maxBytes: number, maxPerPost: number, name: string): unknown {
  if (e instanceof AppError) return e;
  const code = (e as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return fileTooLarge(name, maxBytes);
  if (code === 'FST_FILES_LIMIT') return tooManyFiles(maxPerPost, 'files');
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return tooManyFiles(maxPerPost, 'files');
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return unsupportedFile(name);
  // The disk (full, not writable): ours, not the client's.
  if ((e as { syscall?: string }).syscall) return e;
  return new AppError('invalid_input', 'The multipart body could not be read', {
    fields: [{ path: 'files', message: 'Malformed multipart body' }],
  });
}
