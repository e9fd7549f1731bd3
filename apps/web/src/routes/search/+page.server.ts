import { ThreadKind } from '@kakera/contracts';
import type { PageServerLoad } from './$types';
import { ApiError } from '$lib/api-error';
import { errorText } from '$lib/server/error-text';
import { pageError } from '$lib/server/errors';

/** The filters as the page's form names them (the API's names). */
export interface SearchFilters {
  category: string;
  kind: string;
  author: string;
  solved: string;
  from: string;
  to: string;
}

const KINDS = ThreadKind.options;

export const load: PageServerLoad = async ({ locals, url }) => {
  const get = (name: string) => (url.searchParams.get(name) ?? '').trim().slice(0, 200);
  const q = get('q');
  const filters: SearchFilters = {
    category: get('category'),
    kind: get('kind'),
    author: get('author'),
    solved: get('solved'),
    from: get('from'),
    to: get('to'),
  };
  const cursor = get('cursor');
  const authorId = /^\d{1,9}$/.test(filters.author) ? Number(filters.author) : null;
  try {
    const [{ categories }, author, found] = await Promise.all([
      locals.api.get('/api/categories'),
      // The name for the "only this person's posts" filter; a link to someone gone just shows no name.
      authorId ? locals.api.get('/api/users/{id}', { params: { path: { id: authorId } } }).catch(() => null) : null,
      q ? search(locals.api, q, filters, cursor) : null,
    ]);
    return {
      q,
      filters,
      kinds: KINDS,
      categories: [...categories].sort((a, b) => a.position - b.position).map((c) => ({ slug: c.slug, name: c.name })),
      authorName: author?.user.name ?? null,
      paged: Boolean(cursor),
      ...found,
    };
  } catch (e) {
    pageError(e);
  }
};

async function search(api: App.Locals['api'], q: string, f: SearchFilters, cursor: string) {
  try {
    const res = await api.get('/api/search', {
      params: {
        query: {
          q,
          category: f.category || undefined,
          kind: KINDS.find((k) => k === f.kind),
          author: /^\d{1,9}$/.test(f.author) ? Number(f.author) : undefined,
          solved: f.solved === 'true' || f.solved === 'false' ? f.solved : undefined,
          from: f.from || undefined,
          to: f.to || undefined,
          cursor: cursor || undefined,
          limit: 20,
        },
      },
    });
    return { results: res.results, nextCursor: res.nextCursor, problem: null };
  } catch (e) {
    // A filter the API refused (a date out of range, a stale cursor): said on the page, beside the form that can fix it.
    if (e instanceof ApiError && e.status === 400) return { results: null, nextCursor: null, problem: errorText(e.code) };
    throw e;
  }
}
