import type { IncomingMessage, ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@kakera/core';
import type { WebHandler } from '../src/web/mount-web.ts';
import { WEB_HOP_ADDRESS_HEADER, WEB_HOP_KEY_HEADER } from '../src/web/web-hop.ts';
import { buildTestApp, type TestApp } from './helpers.ts';

// The web app mounted inside the API server, with a stand-in for SvelteKit's
// handler that does what the real one does: serves a static file the way
// sirv does (its own headers, no SvelteKit hooks), renders a page with
// SvelteKit's CSP, and runs a form action by calling the API with what the
// mount handed it (apps/web/src/lib/server/api.ts). The real build is
// checked the same way in tests/e2e/sign-in.test.ts.

const WEB_HOP = Symbol.for('kakera.webHop');
type Hop = { address: string; key: string };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

const BIG_PAGE = `<!doctype html><title>thread</title>${'<article><p>A post about the battery.</p></article>'.repeat(400)}`;
const PRECOMPRESSED = brotliCompressSync('console.log(1)'.repeat(100));

function fakeWeb(getApp: () => FastifyInstance): WebHandler {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/_app/immutable/pre.js') {
      // as sirv sends a file precompressed at build time
      res.writeHead(200, { 'content-type': 'text/javascript', 'content-encoding': 'br' });
      res.end(PRECOMPRESSED);
      return;
    }
    if (req.url === '/_app/immutable/gone.js') {
      // as sirv does: headers from a stat, then the file piped without an error handler
      res.writeHead(200, { 'content-type': 'text/javascript' });
      createReadStream('/nonexistent/kakera/gone.js').pipe(res);
      return;
    }
    if (req.url === '/t/1') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(BIG_PAGE);
      return;
    }
    if (req.url?.startsWith('/_app/') || req.url?.startsWith('/favicon')) {
      res.writeHead(200, { 'content-type': req.url.endsWith('.svg') ? 'image/svg+xml' : 'text/javascript' });
      res.end('');
      return;
    }
    if (req.url === '/login' && req.method === 'POST') {
      const hop = (req as IncomingMessage & { [WEB_HOP]?: Hop })[WEB_HOP];
      void readBody(req).then(async (body) => {
        const api = await getApp().inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: JSON.parse(body),
          // As the web app sends it: the key and address it was handed, and the address as X-Forwarded-For.
          headers: hop ? { [WEB_HOP_KEY_HEADER]: hop.key, [WEB_HOP_ADDRESS_HEADER]: hop.address, 'x-forwarded-for': hop.address } : {},
        });
        res.writeHead(api.statusCode, { 'content-type': 'application/json' });
        res.end(api.body);
      });
      return;
    }
    if (req.url === '/new' && req.method === 'POST') {
      // A form action with files (enctype multipart/form-data): SvelteKit reads the body itself; echo what arrived.
      void readBody(req).then((body) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`${req.headers['content-type']}\n${body}`);
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': "script-src 'self' 'sha256-abc'" });
    res.end('<!doctype html><title>page</title>');
  };
}

/** The API with the stand-in web app mounted, on a fresh database. */
async function start(env: Record<string, string>): Promise<TestApp> {
  const t: TestApp = await buildTestApp(env, new ManualClock(), { web: fakeWeb(() => t.app), sweeper: { timer: false } });
  return t;
}

const POLICY = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

describe('one header policy for the API, pages and static files', () => {
  let http: Awaited<ReturnType<typeof start>>;
  let https: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    [http, https] = await Promise.all([start({}), start({ PUBLIC_URL: 'https://forum.example' })]);
  });
  afterAll(async () => {
    await http?.close();
    await https?.close();
  });

  const paths = ['/api/health', '/api/no-such-route', '/c/bugs', '/_app/immutable/entry/start.js', '/favicon.svg'];

  it('sends nosniff, framing, referrer, opener and resource policies and a Permissions-Policy on every answer', async () => {
    for (const url of paths) {
      const res = await http.app.inject({ method: 'GET', url });
      expect(res.headers, url).toMatchObject(POLICY);
      expect(String(res.headers['permissions-policy']), url).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
    }
    // The CSP is the one header that differs: the API's default-src 'none', SvelteKit's own on pages.
    expect((await http.app.inject({ method: 'GET', url: '/api/health' })).headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect((await http.app.inject({ method: 'GET', url: '/c/bugs' })).headers['content-security-policy']).toBe(
      "script-src 'self' 'sha256-abc'",
    );
  });

  it('sends HSTS only when PUBLIC_URL is https, on the API and pages alike', async () => {
    for (const url of paths) {
      expect((await http.app.inject({ method: 'GET', url })).headers['strict-transport-security'], url).toBeUndefined();
      expect((await https.app.inject({ method: 'GET', url })).headers['strict-transport-security'], url).toMatch(/^max-age=\d{8,}/);
    }
  });
});

describe('a multipart form action reaches SvelteKit untouched', () => {
  let s: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    s = await start({});
  });
  afterAll(() => s?.close());

  it('hands the whole body to the page while the API parses its own uploads', async () => {
    // The API parses multipart for POST /api/attachments only, in that route's scope.
    const form =
      '--b0\r\nContent-Disposition: form-data; name="title"\r\n\r\nBattery\r\n--b0\r\nContent-Disposition: form-data; name="files"; filename="a.log"\r\n\r\nline\r\n--b0--\r\n';
    const contentType = 'multipart/form-data; boundary=b0';
    const page = await s.app.inject({ method: 'POST', url: '/new', headers: { 'content-type': contentType }, payload: form });
    expect(page.statusCode).toBe(200);
    expect(page.body).toBe(`${contentType}\n${form}`);
    const api = await s.app.inject({ method: 'POST', url: '/api/attachments', headers: { 'content-type': contentType }, payload: form });
    expect(api.statusCode).toBe(401);
    // Other API routes still take JSON only: multipart is not parsed outside the upload route's scope.
    const json = await s.app.inject({ method: 'POST', url: '/api/threads', headers: { 'content-type': contentType }, payload: form });
    expect(json.statusCode).toBe(415);
  });
});

describe('pages are compressed by Accept-Encoding', () => {
  let s: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    s = await start({});
  });
  afterAll(() => s?.close());

  it('sends brotli or gzip as the browser accepts, the same page either way, and plain text to those that accept neither', async () => {
    const br = await s.app.inject({ method: 'GET', url: '/t/1', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(BIG_PAGE.length / 10);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(BIG_PAGE);

    const gz = await s.app.inject({ method: 'GET', url: '/t/1', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(BIG_PAGE);

    const plain = await s.app.inject({ method: 'GET', url: '/t/1', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(BIG_PAGE);
  });

  it('a static file that vanished fails its own response, not the process', async () => {
    const crashes: unknown[] = [];
    const onCrash = (e: unknown) => crashes.push(e);
    process.on('uncaughtException', onCrash);
    try {
      await s.app.inject({ method: 'GET', url: '/_app/immutable/gone.js' }).catch(() => {});
      await new Promise((r) => setTimeout(r, 50));
      expect(crashes).toEqual([]);
      expect((await s.app.inject({ method: 'GET', url: '/t/1' })).statusCode).toBe(200);
    } finally {
      process.off('uncaughtException', onCrash);
    }
  });

  it('leaves a file that was compressed at build time as it is', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/_app/immutable/pre.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.headers['content-encoding']).toBe('br');
    expect(Buffer.compare(res.rawPayload, PRECOMPRESSED)).toBe(0);
  });
});

describe('web forms are rate-limited per real client behind a proxy', () => {
  let s: Awaited<ReturnType<typeof start>>;
  // A proxy at 10.0.0.1 is trusted; the web app's own calls come from 127.0.0.1, which is not.
  beforeAll(async () => {
    s = await start({ RATE_LIMIT: 'on', TRUST_PROXY: '10.0.0.0/8' });
    const reg = await s.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: 'owner@test.dev', password: 'the owner knows', name: 'Owner' },
    });
    expect(reg.statusCode).toBe(201);
  });
  afterAll(() => s?.close());

  const form = (password: string, opts: { remoteAddress: string; forwardedFor?: string }) =>
    s.app.inject({
      method: 'POST',
      url: '/login',
      remoteAddress: opts.remoteAddress,
      headers: { 'content-type': 'application/json', ...(opts.forwardedFor && { 'x-forwarded-for': opts.forwardedFor }) },
      payload: JSON.stringify({ email: 'owner@test.dev', password }),
    });

  it('two browsers behind the same proxy have separate budgets', async () => {
    const attacker = { remoteAddress: '10.0.0.1', forwardedFor: '203.0.113.1' };
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await form(`guess ${i}`, attacker)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const owner = await form('the owner knows', { remoteAddress: '10.0.0.1', forwardedFor: '198.51.100.2' });
    expect(owner.statusCode, owner.body).toBe(200);
  });

  it('a browser that is not behind the trusted proxy cannot pick its address with X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await form(`guess ${i}`, { remoteAddress: '192.0.2.50', forwardedFor: `198.51.100.${100 + i}` })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('nobody outside the process can claim to be the web app', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await s.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '192.0.2.60',
        headers: { [WEB_HOP_KEY_HEADER]: 'a'.repeat(43), [WEB_HOP_ADDRESS_HEADER]: `198.51.100.${200 + i}` },
        payload: { email: 'owner@test.dev', password: `guess ${i}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });
});
