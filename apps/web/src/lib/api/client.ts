import createClient, { type FetchResponse, type MaybeOptionalInit } from 'openapi-fetch';
import type { HttpMethod, MediaType, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import { ApiError, apiErrorFromBody } from '$lib/api-error';
import type { paths } from './schema';

/**
 * The typed API client: openapi-fetch over the types generated from the API's
 * OpenAPI document (schema.d.ts, `npm run api:types`). A call names the
 * route as the document does and answers its success body, typed:
 *
 *   const { thread } = await api.get('/api/threads/{id}', { params: { path: { id }, query: { page } } });
 *
 * Any other answer throws an ApiError with the API's code (a failure to reach
 * the API is a 503), so pages handle errors the one way they already do.
 * How a request travels (cookies, the client's address, same-origin) is the
 * caller's `fetch`: $lib/server/api.ts on the server, `browserFetch` in the
 * browser.
 */

export type { paths };

type Args<Init> = RequiredKeysOf<Init> extends never ? [init?: Init] : [init: Init];

/** The success body of `method path` (called with `Init`): what the client's methods answer. */
export type ApiData<Path extends keyof paths, Method extends HttpMethod = 'get', Init = object> = NonNullable<
  Extract<FetchResponse<paths[Path][Method] & Record<string | number, unknown>, Init, MediaType>, { error?: never }>['data']
>;

type Call<Method extends HttpMethod> = <Path extends PathsWithMethod<paths, Method>, Init extends MaybeOptionalInit<paths[Path], Method>>(
  path: Path,
  ...init: Args<Init>
) => Promise<ApiData<Path, Method, Init>>;

export interface ApiClient {
  get: Call<'get'>;
  /** Without a body, sends `{}`: the API reads every POST as JSON. */
  post: Call<'post'>;
  patch: Call<'patch'>;
  del: Call<'delete'>;
}

/** Empty values are left out, so a form's blank field does not reach the API as `?q=`. */
export function toQueryString(query: Record<string, unknown> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  return search.toString();
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string' || !text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createApiClient(options: { baseUrl: string; fetch: (request: Request) => Promise<Response> }): ApiClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch, querySerializer: toQueryString });

  async function call(method: Uppercase<HttpMethod>, path: string, init: { body?: unknown; params?: unknown } = {}): Promise<never> {
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      // The body is read as text and parsed here: an answer that is not JSON is no data, not a crash.
      const request = client.request as unknown as (m: string, p: string, i: object) => Promise<typeof result>;
      result = await request(method, path, { ...init, parseAs: 'text' });
    } catch (cause) {
      if (cause instanceof ApiError) throw cause;
      throw new ApiError(503, 'internal', `API unreachable: ${(cause as Error).message}`);
    }
    const { response } = result;
    if (!response.ok) throw apiErrorFromBody(response.status, result.error, response.headers.get('retry-after'));
    return parseJson(result.data) as never;
  }

  return {
    get: (path, ...[init]) => call('GET', path, init),
    post: (path, ...[init]) => call('POST', path, { ...init, body: init?.body ?? {} }),
    patch: (path, ...[init]) => call('PATCH', path, init),
    del: (path, ...[init]) => call('DELETE', path, init),
  };
}

/**
 * Same-origin calls from the browser, with the reader's cookies. openapi-fetch
 * builds its Request from an absolute address; only the path and query are
 * sent on, so where there is no page (unit tests) any origin does.
 */
export const BROWSER_BASE_URL = typeof location === 'undefined' ? 'http://localhost' : location.origin;

export async function browserFetch(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const headers: Record<string, string> = { accept: 'application/json' };
  const body = request.body ? await request.text() : undefined;
  if (body !== undefined) headers['content-type'] = request.headers.get('content-type') ?? 'application/json';
  return fetch(url.pathname + url.search, { method: request.method, headers, body, credentials: 'same-origin' });
}
