import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '$lib/api-error';
import { browserFetch, createApiClient, toQueryString } from './client';

/** A client whose requests land in `sent`, answered by `answer`. */
function client(answer: (request: Request) => Response | Promise<Response>) {
  const sent: { method: string; url: string; body: string | null; contentType: string | null }[] = [];
  const api = createApiClient({
    baseUrl: 'http://api.test',
    fetch: async (request) => {
      const body = request.body ? await request.text() : null;
      sent.push({ method: request.method, url: request.url, body, contentType: request.headers.get('content-type') });
      return answer(request);
    },
  });
  return { api, sent };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('toQueryString', () => {
  it('leaves out empty values and keeps the rest, encoded', () => {
    expect(toQueryString({ q: 'a b&c', cursor: '', filter: undefined, staffId: null, limit: 20, open: false })).toBe(
      'q=a+b%26c&limit=20&open=false',
    );
    expect(toQueryString(undefined)).toBe('');
  });
});

describe('createApiClient', () => {
  it('fills the route’s path parameters (encoded) and query, and answers the success body', async () => {
    const { api, sent } = client(() => json(200, { category: { slug: 'a/b' } }));
    const answer = await api.get('/api/categories/{slug}', { params: { path: { slug: 'a/b ü' } } });
    expect(answer).toEqual({ category: { slug: 'a/b' } });
    await api.get('/api/threads/{id}', { params: { path: { id: 7 }, query: { page: 2, post: undefined } } });
    expect(sent.map((r) => r.url)).toEqual(['http://api.test/api/categories/a%2Fb%20%C3%BC', 'http://api.test/api/threads/7?page=2']);
    expect(sent[0]).toMatchObject({ method: 'GET', body: null });
  });

  it('sends bodies as JSON, and `{}` for a POST without one (the API reads every POST as JSON)', async () => {
    const { api, sent } = client(() => json(200, { ok: true }));
    await api.patch('/api/posts/{id}', { params: { path: { id: 3 } }, body: { body: 'new words' } });
    await api.post('/api/sla/obligations/{id}/claim', { params: { path: { id: 4 } } });
    await api.del('/api/posts/{id}/like', { params: { path: { id: 5 } } });
    expect(sent).toEqual([
      { method: 'PATCH', url: 'http://api.test/api/posts/3', body: '{"body":"new words"}', contentType: 'application/json' },
      { method: 'POST', url: 'http://api.test/api/sla/obligations/4/claim', body: '{}', contentType: 'application/json' },
      { method: 'DELETE', url: 'http://api.test/api/posts/5/like', body: null, contentType: null },
    ]);
  });

  it('throws the API’s error as an ApiError: its status, code, fields and retry time', async () => {
    const { api } = client(() =>
      json(
        429,
        { error: { code: 'rate_limited', message: 'slow down', details: { fields: [{ path: 'body', message: 'x' }] } } },
        { 'retry-after': '30' },
      ),
    );
    const err = (await api
      .post('/api/threads/{id}/posts', { params: { path: { id: 1 } }, body: { body: 'hi' } })
      .catch((e) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect([err.status, err.code, err.fields[0]?.path, err.retryAfterSeconds]).toEqual([429, 'rate_limited', 'body', 30]);
  });

  it('words a failure without a body by its status', async () => {
    const { api } = client(() => new Response(null, { status: 404 }));
    const err = (await api.get('/api/users/{id}', { params: { path: { id: 9 } } }).catch((e) => e)) as ApiError;
    expect([err.status, err.code]).toEqual([404, 'not_found']);
  });

  it('turns an API it cannot reach into a 503', async () => {
    const { api } = client(() => {
      throw new TypeError('fetch failed');
    });
    const err = (await api.get('/api/me').catch((e) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(503);
    expect(err.message).toContain('fetch failed');
  });

  it('answers nothing, not a crash, for a success that is not JSON', async () => {
    const { api } = client(() => new Response('<html>', { status: 200 }));
    expect(await api.get('/api/me')).toBeUndefined();
  });

  it('leaves a blank query field out of the address (a search form with empty filters)', async () => {
    const { api, sent } = client(() => json(200, { results: [], nextCursor: null }));
    expect(await api.get('/api/search', { params: { query: { q: 'sync', cursor: '', category: '' } } })).toEqual({
      results: [],
      nextCursor: null,
    });
    expect(sent[0]?.url).toBe('http://api.test/api/search?q=sync');
  });
});

describe('browserFetch', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the path and query on to this site, with the reader’s cookies', async () => {
    const fetchMock = vi.fn(async () => json(200, {}));
    vi.stubGlobal('fetch', fetchMock);
    await browserFetch(new Request('http://localhost/api/sla/queue?limit=1'));
    await browserFetch(
      new Request('http://localhost/api/x', { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } }),
    );
    expect(fetchMock.mock.calls).toEqual([
      ['/api/sla/queue?limit=1', { method: 'GET', headers: { accept: 'application/json' }, body: undefined, credentials: 'same-origin' }],
      [
        '/api/x',
        {
          method: 'POST',
          headers: { accept: 'application/json', 'content-type': 'application/json' },
          body: '{"a":1}',
          credentials: 'same-origin',
        },
      ],
    ]);
  });
});
