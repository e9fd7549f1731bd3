import type { Api } from './api';

/**
 * The files a form carries. With JavaScript, AttachmentPicker has uploaded
 * them already and the form holds their ids (`attachmentIds`); without it, the
 * form's `files` input brings the files themselves, and the action uploads
 * them through the API (POST /api/attachments) before posting.
 */
export interface FormFiles {
  attachmentIds: number[];
  files: File[];
}

export function formFiles(form: FormData): FormFiles {
  const attachmentIds = form
    .getAll('attachmentIds')
    .map((v) => Number(v))
    .filter((n) => Number.isInteger(n) && n > 0);
  // An empty file input still sends one nameless, empty part.
  const files = form.getAll('files').filter((v): v is File => typeof v !== 'string' && (v.size > 0 || v.name !== ''));
  return { attachmentIds, files };
}

/** Uploads the form's own files (if any) and answers every id to put on the post; an error (413, 415) names the `files` field. */
export async function attachmentIdsOf(api: Api, { attachmentIds, files }: FormFiles): Promise<number[] | undefined> {
  if (!files.length) return attachmentIds.length ? attachmentIds : undefined;
  const body = new FormData();
  for (const f of files) body.append('files', f, f.name);
  // The client passes FormData through as a multipart body (no JSON), with its own boundary.
  const { attachments } = await api.post('/api/attachments', { body: body as never });
  return [...attachmentIds, ...attachments.map((a) => a.id)];
}
