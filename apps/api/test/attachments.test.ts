import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createCategory, createThread, createUser, type TestApp, type TestUser } from './helpers.ts';

// Attachments end to end through the API: upload (type by content, size and
// count limits), serving with safe headers and thumbnails, binding to a new
// thread or reply (only one's own unbound uploads), the hidden post rule, and
// the sweep of uploads never put on a post.

let t: TestApp;
let dir: string;
let fan: TestUser;
let other: TestUser;
let staff: TestUser;
let categoryId: number;
let png: Buffer;
const MAX = 64 * 1024;

/** A multipart body with one `files` part per file. */
function multipart(files: { name: string; data: Buffer; type?: string }[]) {
  const boundary = `----kakera${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(user: TestUser, files: { name: string; data: Buffer; type?: string }[]) {
  const body = multipart(files);
  return t.app.inject({
    method: 'POST',
    url: '/api/attachments',
    headers: { ...body.headers, cookie: user.cookie },
    payload: body.payload,
  });
}

async function uploadOne(user: TestUser, name = 'shot.png', data = png) {
  const res = await upload(user, [{ name, data, type: 'image/png' }]);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().attachments[0] as { id: number; url: string; thumbUrl: string | null; name: string };
}

const get = (url: string, user?: TestUser) => t.app.inject({ method: 'GET', url, headers: user ? { cookie: user.cookie } : {} });

const storedFiles = async () => (await readdir(dir)).filter((f) => f !== 'tmp');
const tempFiles = async () => readdir(join(dir, 'tmp')).catch(() => []);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kakera-uploads-'));
  t = await buildTestApp({ UPLOAD_DIR: dir, ATTACHMENT_MAX_BYTES: String(MAX), ATTACHMENTS_PER_POST: '3' });
  const admin = await createUser(t, { role: 'admin' });
  fan = await createUser(t, { name: 'Attaching Fan' });
  other = await createUser(t, { name: 'Other Fan' });
  staff = await createUser(t, { role: 'staff' });
  categoryId = (await createCategory(t, admin)).id;
  png = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 30, b: 90 } } })
    .png()
    .toBuffer();
});
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('upload and serve', () => {
  it('keeps an image under a generated name and serves it inline with safe headers, and a thumbnail', async () => {
    const a = await uploadOne(fan, 'screen shot.png');
    expect(a).toMatchObject({
      name: 'screen shot.png',
      contentType: 'image/png',
      size: png.length,
      isImage: true,
      width: 800,
      height: 600,
    });
    expect(a.url).toBe(`/api/attachments/${a.id}`);
    expect(await storedFiles()).not.toContain('screen shot.png');

    const res = await get(a.url, fan);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(png)).toBe(true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.headers['content-disposition']).toMatch(/^inline; .*filename\*=UTF-8''screen%20shot\.png$/);
    expect(res.headers['cache-control']).toContain('immutable');

    const thumb = await get(a.thumbUrl!, fan);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(thumb.headers['x-content-type-options']).toBe('nosniff');
    const meta = await sharp(thumb.rawPayload).metadata();
    expect(meta.width).toBe(320);
    expect(meta.height).toBe(240);
  });

  it('serves a log as a text download, never inline, with a text extension', async () => {
    const log = Buffer.from('12:00:01 ERROR 電池 drained\n12:00:02 retry\n');
    const res = await upload(fan, [{ name: 'device.html', data: log, type: 'text/html' }]);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json().attachments[0];
    expect(a).toMatchObject({ contentType: 'text/plain; charset=utf-8', isImage: false, thumbUrl: null, width: null });
    const file = await get(a.url, fan);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(file.headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''device\.html\.txt$/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect((await get(`${a.url}/thumb`, fan)).statusCode).toBe(404);
  });

  it('refuses by content, whatever the name says: a renamed .exe, HTML, SVG', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(200, 0)]);
    const cases = [
      { name: 'cute.png', data: exe, type: 'image/png' },
      { name: 'notes.txt', data: Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), type: 'text/plain' },
      { name: 'logo.png', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'), type: 'image/png' },
      { name: 'x.log', data: Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1') },
    ];
    const before = await storedFiles();
    for (const c of cases) {
      const res = await upload(fan, [c]);
      expect(res.statusCode, c.name).toBe(415);
      expect(res.json().error.code).toBe('unsupported_media_type');
      expect(res.json().error.details.fields[0]).toMatchObject({ path: 'files', code: 'type' });
    }
    expect(await storedFiles()).toEqual(before);
    expect(await tempFiles()).toEqual([]);
  });

  it('answers 413 past the size limit and leaves no file behind', async () => {
    const before = await storedFiles();
    const res = await upload(fan, [{ name: 'big.log', data: Buffer.alloc(MAX + 1, 'a') }]);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'payload_too_large', details: { fields: [{ path: 'files', code: 'too_large' }] } });
    expect(await storedFiles()).toEqual(before);
    expect(await tempFiles()).toEqual([]);
    // Exactly at the limit is fine.
    expect((await upload(fan, [{ name: 'edge.log', data: Buffer.alloc(MAX, 'a') }])).statusCode).toBe(201);
  });

  it('answers 413 past the count limit, in one upload and on one post', async () => {
    const four = Array.from({ length: 4 }, (_, i) => ({ name: `l${i}.log`, data: Buffer.from(`line ${i}\n`) }));
    const res = await upload(fan, four);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.details.fields[0]).toMatchObject({ path: 'files', code: 'too_many' });
    expect(await tempFiles()).toEqual([]);

    const ids = [];
    for (let i = 0; i < 4; i++) ids.push((await uploadOne(fan)).id);
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/threads',
      headers: { cookie: fan.cookie },
      payload: { categoryId, title: 'Four files', body: 'Too many', attachmentIds: ids },
    });
    expect(post.statusCode).toBe(413);
    expect(post.json().error.details.fields[0]).toMatchObject({ path: 'attachmentIds', code: 'too_many' });
  });

  it('refuses guests and suspended users, and requests that are not multipart', async () => {
    const body = multipart([{ name: 'a.png', data: png }]);
    expect((await t.app.inject({ method: 'POST', url: '/api/attachments', ...body })).statusCode).toBe(401);
    const suspended = await createUser(t, { suspended: true });
    expect((await upload(suspended, [{ name: 'a.png', data: png }])).statusCode).toBe(403);
    const json = await t.app.inject({ method: 'POST', url: '/api/attachments', headers: { cookie: fan.cookie }, payload: { files: 'x' } });
    expect(json.statusCode).toBe(415);
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: { cookie: fan.cookie, 'content-type': 'multipart/form-data; boundary=zzz' },
      payload: '--zzz\r\nContent-Disposition: form-data; name="files"; filename="a.png"\r\n\r\nabc',
    });
    expect(broken.statusCode).toBeLessThan(500);
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: { cookie: fan.cookie, 'content-type': 'multipart/form-data; boundary=zzz' },
      payload: '--zzz--\r\n',
    });
    expect(empty.statusCode).toBe(400);
  });
});

describe('malformed multipart', () => {
  it('answers 4xx, never 5xx, to broken bodies, and leaves no temporary file', async () => {
    let seed = 20261130;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const good = multipart([{ name: 'a.png', data: png }]);
    const text = good.payload.toString('latin1');
    const boundary = good.headers['content-type'].split('boundary=')[1]!;
    const bodies: (() => { type: string; body: Buffer | string })[] = [
      () => ({ type: good.headers['content-type'], body: good.payload.subarray(0, Math.floor(rnd() * good.payload.length)) }),
      () => ({ type: 'multipart/form-data', body: good.payload }),
      () => ({ type: 'multipart/form-data; boundary=', body: good.payload }),
      () => ({ type: `multipart/form-data; boundary=${boundary}`, body: text.replace('filename="a.png"', 'filename=') }),
      () => ({ type: `multipart/form-data; boundary=${boundary}`, body: text.replace(/Content-Disposition[^\r]*/, 'X: y') }),
      () => ({
        type: `multipart/form-data; boundary=${boundary}`,
        body: `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${'x'.repeat(5000)}\r\n--${boundary}--\r\n`,
      }),
      () => ({
        type: `multipart/form-data; boundary=${boundary}`,
        body: `--${boundary}\r\n${'H: v\r\n'.repeat(500)}\r\nx\r\n--${boundary}--\r\n`,
      }),
      () => ({
        type: `multipart/form-data; boundary=${boundary}`,
        body: Buffer.from(Array.from({ length: 2000 }, () => Math.floor(rnd() * 256))),
      }),
      () => ({ type: `multipart/mixed; boundary=${boundary}`, body: good.payload }),
      () => ({ type: `multipart/form-data; boundary=${boundary}`, body: text.replace('name="files"', `name="${'f'.repeat(300)}"`) }),
      () => ({
        type: `multipart/form-data; boundary=${boundary}`,
        body:
          Array.from({ length: 30 }, (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv\r\n`).join('') +
          `--${boundary}--\r\n`,
      }),
    ];
    for (let i = 0; i < 150; i++) {
      const { type, body } = pick(bodies)();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/attachments',
        headers: { 'content-type': type, cookie: fan.cookie },
        payload: body,
      });
      expect(res.statusCode, `${type} ${res.body}`).toBeLessThan(500);
      if (res.statusCode >= 400) expect(res.json().error.code).toBeTypeOf('string');
    }
    expect(await tempFiles()).toEqual([]);
    expect((await get('/api/health')).statusCode).toBe(200);
  });
});

describe('on posts', () => {
  it('puts my uploads on my new thread and reply; the thread shows them; nobody else may bind them', async () => {
    const a = await uploadOne(fan, 'first.png');
    const b = await uploadOne(fan, 'second.png');
    // Unbound, an upload is its uploader's alone.
    expect((await get(a.url)).statusCode).toBe(404);
    expect((await get(a.url, other)).statusCode).toBe(404);

    const stolen = await t.app.inject({
      method: 'POST',
      url: '/api/threads',
      headers: { cookie: other.cookie },
      payload: { categoryId, title: 'Not my file', body: 'Taking it', attachmentIds: [a.id] },
    });
    expect(stolen.statusCode).toBe(422);
    expect(stolen.json().error).toMatchObject({ code: 'attachment_unavailable', details: { fields: [{ path: 'attachmentIds' }] } });

    const thread = await createThread(t, fan, categoryId, { kind: 'bug', attachmentIds: [a.id] });
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${thread.id}/posts`,
      headers: { cookie: fan.cookie },
      payload: { body: 'And another', attachmentIds: [b.id] },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().post.attachments.map((x: { id: number }) => x.id)).toEqual([b.id]);

    // Already on a post: not again.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${thread.id}/posts`,
      headers: { cookie: fan.cookie },
      payload: { body: 'Once more', attachmentIds: [a.id] },
    });
    expect(again.statusCode).toBe(422);

    const page = (await get(`/api/threads/${thread.id}`)).json();
    expect(page.posts[0].attachments).toEqual([
      expect.objectContaining({ id: a.id, name: 'first.png', isImage: true, url: a.url, thumbUrl: a.thumbUrl }),
    ]);
    expect(page.posts[1].attachments).toEqual([expect.objectContaining({ id: b.id })]);
    // On a live post, everyone may fetch it.
    expect((await get(a.url)).statusCode).toBe(200);
    expect((await get(a.thumbUrl!, other)).statusCode).toBe(200);
  });

  it("a hidden post's attachment is 404 to fans and guests, 200 to staff; so is a hidden thread's and a deleted post's", async () => {
    const a = await uploadOne(fan, 'hidden.png');
    const thread = await createThread(t, fan, categoryId);
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${thread.id}/posts`,
      headers: { cookie: fan.cookie },
      payload: { body: 'With a picture', attachmentIds: [a.id] },
    });
    const postId = r.json().post.id;
    const hide = await t.app.inject({
      method: 'POST',
      url: `/api/posts/${postId}/hide`,
      headers: { cookie: staff.cookie },
      payload: { reason: 'Test' },
    });
    expect(hide.statusCode, hide.body).toBeLessThan(300);
    for (const url of [a.url, a.thumbUrl!]) {
      expect((await get(url)).statusCode).toBe(404);
      expect((await get(url, other)).statusCode).toBe(404);
      expect((await get(url, fan)).statusCode).toBe(404);
      expect((await get(url, staff)).statusCode).toBe(200);
    }
    // The post itself keeps its place without its files for fans.
    const page = (await get(`/api/threads/${thread.id}`, other)).json();
    expect(page.posts[1].attachments).toEqual([]);
    expect((await get(`/api/threads/${thread.id}`, staff)).json().posts[1].attachments).toHaveLength(1);

    const c = await uploadOne(fan, 'deleted.png');
    const d = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${thread.id}/posts`,
      headers: { cookie: fan.cookie },
      payload: { body: 'Soon gone', attachmentIds: [c.id] },
    });
    const del = await t.app.inject({ method: 'DELETE', url: `/api/posts/${d.json().post.id}`, headers: { cookie: fan.cookie } });
    expect(del.statusCode, del.body).toBeLessThan(300);
    expect((await get(c.url, other)).statusCode).toBe(404);
    expect((await get(c.url, staff)).statusCode).toBe(200);

    const e = await uploadOne(fan, 'thread.png');
    const t2 = await createThread(t, fan, categoryId, { attachmentIds: [e.id] });
    const hideThread = await t.app.inject({
      method: 'POST',
      url: `/api/threads/${t2.id}/hide`,
      headers: { cookie: staff.cookie },
      payload: { reason: 'Test' },
    });
    expect(hideThread.statusCode, hideThread.body).toBeLessThan(300);
    expect((await get(e.url, other)).statusCode).toBe(404);
    expect((await get(e.url, staff)).statusCode).toBe(200);
  });

  it('keeps a hostile file name as inert text', async () => {
    const name = '<img src=x onerror=alert(1)>.png';
    const a = await uploadOne(fan, name);
    expect(a.name).toBe(name);
    const res = await get(a.url, fan);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.png`);
    const traversal = await uploadOne(fan, '../../../etc/passwd.png');
    expect(traversal.name).toBe('passwd.png');
  });
});

describe('the sweep', () => {
  it('removes uploads never put on a post after a day, with their files; bound ones stay', async () => {
    const unbound = await uploadOne(fan, 'abandoned.png');
    const kept = await uploadOne(fan, 'kept.png');
    await createThread(t, fan, categoryId, { attachmentIds: [kept.id] });
    const files = (await storedFiles()).length;
    t.clock.advance(25 * 3600 * 1000);
    expect(await t.app.jobs.runDue('attachment-sweep')).toBe('ran');
    expect((await get(unbound.url, fan)).statusCode).toBe(404);
    expect((await get(kept.url, fan)).statusCode).toBe(200);
    expect((await storedFiles()).length).toBeLessThan(files - 1);
  });
});
