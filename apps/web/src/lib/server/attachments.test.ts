import { describe, expect, it } from 'vitest';
import { attachmentIdsOf, formFiles } from './attachments';
import type { Api } from './api';

describe('a form’s files', () => {
  it('reads the picker’s ids and the form’s own files, not an empty file input', () => {
    const form = new FormData();
    form.append('attachmentIds', '12');
    form.append('attachmentIds', 'x');
    form.append('attachmentIds', '-3');
    form.append('files', new File([], ''));
    expect(formFiles(form)).toEqual({ attachmentIds: [12], files: [] });
    form.append('files', new File(['line'], 'app.log'));
    expect(formFiles(form).files.map((f) => f.name)).toEqual(['app.log']);
  });

  it('uploads the form’s own files through the API and adds their ids', async () => {
    const calls: { path: string; body: FormData }[] = [];
    const api = {
      post: async (path: string, init: { body: FormData }) => {
        calls.push({ path, body: init.body });
        return { attachments: [{ id: 40 }, { id: 41 }] };
      },
    } as unknown as Api;
    expect(await attachmentIdsOf(api, { attachmentIds: [], files: [] })).toBeUndefined();
    expect(await attachmentIdsOf(api, { attachmentIds: [7], files: [] })).toEqual([7]);
    expect(calls).toEqual([]);
    const files = [new File(['a'], 'a.log'), new File(['b'], 'b.png')];
    expect(await attachmentIdsOf(api, { attachmentIds: [7], files })).toEqual([7, 40, 41]);
    expect(calls[0]!.path).toBe('/api/attachments');
    expect(calls[0]!.body.getAll('files').map((f) => (f as File).name)).toEqual(['a.log', 'b.png']);
  });
});
