import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '$lib/api-error';
import { createApi, parseSetCookie } from './api';

function fakeCookies() {
  const set = vi.fn();
  const del = vi.fn();
  return { cookies: { set, delete: del } as unknown as Cookies, set, del };
}

function fakeEvent(cookie?: string) {
  const headers = new Headers(cookie ? { cookie, 'user-agent': 'test-agent' } : {});
  const { cookies, set, del } = fakeCookies();
  return {
    event: {
      request: new Request('http://forum.test/t/1', { headers }),
      cookies,
      getClientAddress: () => '203.0.113.9',
      url: new URL('http://forum.test/t/1'),
    },
    set,
    del,
  };
}

function respond(status: number, body: unknown, headers: Record<string, string | string[]> = {}) {
  const h = new Headers();
  for (const [k, v] of Object.entries(headers)) for (const one of [v].flat()) h.append(k, one);
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: h });
}

describe('parseSetCookie', () => {
  it('reads the session cookie the API sets', () => {
    expect(parseSetCookie('kakera_session=abc.def%2B; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000')).toEqual({
      name: 'kakera_session',
      value: 'abc.def%2B',
      path: '/',
      httpOnly: true,
      secure: false,
      sameSite: 'lax',
      maxAge: 2592000,
    });
  });

  it('reads a clearing cookie', () => {
    const c = parseSetCookie('kakera_session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure');
    expect(c?.value).toBe('');
    expect(c?.secure).toBe(true);
    expect(c?.expires?.getTime()).toBe(0);
  });

  it('ignores garbage', () => {
    expect(parseSetCookie('')).toBeNull();
    expect(parseSetCookie('=novalue')).toBeNull();
  });
});

describe('createApi', () => {
  it('forwards cookies and the client address, and sends JSON', async () => {
    const { event } = fakeEvent('kakera_session=s1; PARAGLIDE_LOCALE=ja');
    const fetchMock = vi.fn(async () => respond(201, { post: { id: 5 } }));
    const api = createApi(event, fetchMock as unknown as typeof fetch);
    await api.post('/api/threads/{id}/posts', { params: { path: { id: 1 } }, body: { body: 'hi' } });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [URL, RequestInit & { headers: Record<string, string> }];
    expect(String(url)).toBe('http://127.0.0.1:3000/api/threads/1/posts');
    expect(init.method).toBe('POST');
    expect(init.headers.cookie).toBe('kakera_session=s1; PARAGLIDE_LOCALE=ja');
    expect(init.headers['x-forwarded-for']).toBe('203.0.113.9');
    expect(init.headers.origin).toBeUndefined();
    expect(init.headers['content-type']).toBe('application/json');
    expect(init.body).toBe('{"body":"hi"}');
  });

  it('forwards the address the mounting server handed over, with its key, instead of the socket peer (a proxy)', async () => {
    const { event } = fakeEvent();
    const req = { [Symbol.for('kakera.webHop')]: { address: '198.51.100.7', key: 'k'.repeat(43) } } as unknown as App.Platform['req'];
    const fetchMock = vi.fn(async () => respond(200, { user: null }));
    await createApi({ ...event, getClientAddress: () => '10.0.0.1', platform: { req } }, fetchMock as unknown as typeof fetch).get(
      '/api/me',
    );
    const [, init] = fetchMock.mock.calls[0] as unknown as [URL, { headers: Record<string, string> }];
    expect(init.headers['x-forwarded-for']).toBe('198.51.100.7');
    expect(init.headers['x-kakera-client-address']).toBe('198.51.100.7');
    expect(init.headers['x-kakera-web-key']).toBe('k'.repeat(43));

    // Nothing handed over (vite dev): the socket's address, and no key.
    await createApi(fakeEvent().event, fetchMock as unknown as typeof fetch).get('/api/me');
    const [, bare] = fetchMock.mock.calls[1] as unknown as [URL, { headers: Record<string, string> }];
    expect(bare.headers['x-forwarded-for']).toBe('203.0.113.9');
    expect(bare.headers['x-kakera-web-key']).toBeUndefined();
  });

  it('inside the API server, calls the API in-process (no fetch), with the same headers, and takes its cookies', async () => {
    const { event, set } = fakeEvent('kakera_session=s1');
    const dispatch = vi.fn(async () => ({
      status: 201,
      headers: { 'content-type': 'application/json; charset=utf-8', 'set-cookie': ['a=1; Path=/', 'b=2; Path=/; HttpOnly'] },
      body: Buffer.from(JSON.stringify({ post: { id: 5 } })),
    }));
    const req = {
      [Symbol.for('kakera.webHop')]: { address: '198.51.100.7', key: 'k'.repeat(43), dispatch },
    } as unknown as App.Platform['req'];
    const fetchMock = vi.fn();
    const res = await createApi({ ...event, platform: { req } }, fetchMock as unknown as typeof fetch).post('/api/threads/{id}/posts', {
      params: { path: { id: 1 } },
      body: { body: 'hi' },
    });
    expect(fetchMock).not.toHaveBeenCalled();
    expect(res).toEqual({ post: { id: 5 } });
    const [call] = dispatch.mock.calls[0] as unknown as [{ method: string; url: string; headers: Record<string, string>; body: string }];
    expect(call).toMatchObject({ method: 'POST', url: '/api/threads/1/posts', body: '{"body":"hi"}' });
    expect(call.headers).toMatchObject({
      cookie: 'kakera_session=s1',
      'x-kakera-web-key': 'k'.repeat(43),
      'x-kakera-client-address': '198.51.100.7',
    });
    expect(set.mock.calls.map((c) => c[0])).toEqual(['a', 'b']);
  });

  it('drops empty query values', async () => {
    const { event } = fakeEvent();
    const fetchMock = vi.fn(async () => respond(200, { threads: [], nextCursor: null }));
    await createApi(event, fetchMock as unknown as typeof fetch).get('/api/categories/{slug}/threads', {
      params: { path: { slug: 'x' }, query: { sort: 'top', filter: undefined, cursor: '', limit: 20 } },
    });
    const [url] = fetchMock.mock.calls[0] as unknown as [URL];
    expect(url.search).toBe('?sort=top&limit=20');
  });

  it('copies Set-Cookie to the browser and uses it for later calls in the same request', async () => {
    const { event, set } = fakeEvent();
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(
        respond(200, { user: { id: 1 } }, { 'set-cookie': 'kakera_session=new%2Fone; Path=/; HttpOnly; SameSite=Lax' }),
      )
      .mockResolvedValueOnce(respond(200, { user: { id: 1 } }));
    const api = createApi(event, fetchMock as unknown as typeof fetch);
    await api.post('/api/auth/login', { body: { email: 'a@b.c', password: 'x' } });
    expect(set).toHaveBeenCalledWith(
      'kakera_session',
      'new%2Fone',
      expect.objectContaining({ path: '/', httpOnly: true, sameSite: 'lax', secure: false }),
    );
    const opts = set.mock.calls[0]?.[2] as { encode: (v: string) => string };
    expect(opts.encode('a%2Fb')).toBe('a%2Fb');
    await api.get('/api/me');
    const second = fetchMock.mock.calls[1] as unknown as [URL, { headers: Record<string, string> }];
    expect(second[1].headers.cookie).toBe('kakera_session=new%2Fone');
  });

  it('copies every cookie of one answer, an Expires date with its comma included', async () => {
    const { event, set, del } = fakeEvent('old=1');
    const fetchMock = vi.fn(async () =>
      respond(
        200,
        { ok: true },
        {
          'set-cookie': [
            'kakera_session=s2; Path=/; Expires=Wed, 21 Oct 2099 07:28:00 GMT; HttpOnly; Secure; SameSite=Strict',
            'old=; Path=/; Max-Age=0',
          ],
        },
      ),
    );
    await createApi(event, fetchMock as unknown as typeof fetch).post('/api/auth/login', { body: { email: 'a@b.c', password: 'x' } });
    expect(set).toHaveBeenCalledWith(
      'kakera_session',
      's2',
      expect.objectContaining({ expires: new Date('2099-10-21T07:28:00Z'), httpOnly: true, secure: true, sameSite: 'strict' }),
    );
    expect(del).toHaveBeenCalledWith('old', expect.objectContaining({ path: '/' }));
  });

  it('deletes the cookie when the API clears it', async () => {
    const { event, del } = fakeEvent('kakera_session=s1');
    const fetchMock = vi.fn(async () => respond(200, { ok: true }, { 'set-cookie': 'kakera_session=; Path=/; Max-Age=0' }));
    await createApi(event, fetchMock as unknown as typeof fetch).post('/api/auth/logout');
    expect(del).toHaveBeenCalledWith('kakera_session', expect.objectContaining({ path: '/' }));
  });

  it('throws ApiError with the API’s code and fields', async () => {
    const { event } = fakeEvent();
    const fetchMock = vi.fn(async () =>
      respond(409, { error: { code: 'email_taken', message: 'taken', details: { fields: [{ path: 'email', message: 'taken' }] } } }),
    );
    const err = await createApi(event, fetchMock as unknown as typeof fetch)
      .post('/api/auth/register', { body: { email: 'a@b.c', password: 'x', name: 'A' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(409);
    expect((err as ApiError).code).toBe('email_taken');
    expect((err as ApiError).fields[0]?.path).toBe('email');
  });

  it('turns a network failure into a 503', async () => {
    const { event } = fakeEvent();
    const fetchMock = vi.fn(async () => {
      throw new TypeError('fetch failed');
    });
    const err = (await createApi(event, fetchMock as unknown as typeof fetch)
      .get('/api/health')
      .catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(503);
  });
});
