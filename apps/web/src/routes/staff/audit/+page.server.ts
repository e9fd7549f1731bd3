import type { PageServerLoad } from './$types';
import { ApiError } from '$lib/api-error';
import { errorText } from '$lib/server/error-text';
import { pageError } from '$lib/server/errors';
import { requireSignedIn } from '../staff-guard';

/** The filters as the page's form names them (the API's names); empty means "any". */
export interface AuditFilters {
  actor: string;
  action: string;
  target: string;
  from: string;
  to: string;
}

/** The audit log, newest first, with the filters of its form (a GET form: it works before JavaScript). */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSignedIn(locals, url);
  const get = (name: string) => (url.searchParams.get(name) ?? '').trim().slice(0, 100);
  const filters: AuditFilters = { actor: get('actor'), action: get('action'), target: get('target'), from: get('from'), to: get('to') };
  const cursor = url.searchParams.get('cursor') ?? '';
  try {
    const [{ staff }, { categories }, log] = await Promise.all([
      locals.api.get('/api/users/staff'),
      locals.api.get('/api/categories').catch(() => ({ categories: [] })),
      auditPage(locals.api, filters, cursor),
    ]);
    return {
      filters,
      paged: Boolean(cursor),
      people: staff.map((s) => ({ id: s.id, name: s.name })),
      boards: Object.fromEntries(categories.map((c) => [String(c.id), c.name])) as Record<string, string>,
      ...log,
    };
  } catch (e) {
    pageError(e);
  }
};

async function auditPage(api: App.Locals['api'], f: AuditFilters, cursor: string) {
  try {
    const res = await api.get('/api/audit', {
      params: {
        query: {
          actor: /^\d{1,9}$/.test(f.actor) ? Number(f.actor) : undefined,
          action: f.action || undefined,
          target: f.target || undefined,
          from: f.from || undefined,
          to: f.to || undefined,
          cursor: cursor || undefined,
          limit: 50,
        },
      },
    });
    return { entries: res.entries, nextCursor: res.nextCursor, problem: null };
  } catch (e) {
    // A filter the API refused (a malformed target, a date out of range): said beside the form that can fix it.
    if (e instanceof ApiError && e.status === 400) return { entries: [], nextCursor: null, problem: errorText(e.code) };
    throw e;
  }
}
