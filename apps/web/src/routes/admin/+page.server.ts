import { ROLES } from '@kakera/contracts/roles';
import type { Actions, PageServerLoad } from './$types';
import { pageError, str } from '$lib/server/errors';
import { formAction } from '$lib/server/form-action';

const CATEGORY_FIELDS = ['slug', 'name', 'description', 'slaTargetSeconds', 'position'] as const;
/** A board's name allows 1–80 characters (a person's name 2–40). */
const CATEGORY_LIMITS = { name: { min: 1, max: 80 } };

// Who may use this page is the API's word: the people list is for admins
// only, so anyone else gets its 401 or 403 here, and its actions refuse too.
export const load: PageServerLoad = async ({ locals, url }) => {
  const q = (url.searchParams.get('q') ?? '').trim();
  try {
    const [{ categories }, { users }] = await Promise.all([
      locals.api.get('/api/categories'),
      locals.api.get('/api/users', { params: { query: { q, limit: 50 } } }),
    ]);
    return { categories: [...categories].sort((a, b) => a.position - b.position), users, q };
  } catch (e) {
    pageError(e);
  }
};

function intOrUndefined(v: string): number | undefined | null {
  if (v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) ? n : null;
}

function categoryBody(form: FormData) {
  const values = Object.fromEntries(CATEGORY_FIELDS.map((f) => [f, str(form, f)])) as Record<(typeof CATEGORY_FIELDS)[number], string>;
  const sla = intOrUndefined(values.slaTargetSeconds);
  const position = intOrUndefined(values.position);
  const bad: Record<string, string> = {};
  if (sla === null) bad.slaTargetSeconds = 'invalid_type';
  if (position === null) bad.position = 'invalid_type';
  const body = {
    name: values.name.trim(),
    description: values.description.trim(),
    ...(sla != null ? { slaTargetSeconds: sla } : {}),
    ...(position != null ? { position } : {}),
  };
  if (!body.name) bad.name = 'required';
  return { values, body, bad };
}

const orUndefined = (bad: Record<string, string>) => (Object.keys(bad).length ? bad : undefined);

export const actions: Actions = {
  createCategory: formAction({
    fields: CATEGORY_FIELDS,
    limits: CATEGORY_LIMITS,
    parse: (form) => {
      const { values, body, bad } = categoryBody(form);
      const slug = values.slug.trim();
      if (!slug) bad.slug = 'required';
      return { input: { slug, ...body }, values: { action: 'createCategory', ...values }, invalid: orUndefined(bad) };
    },
    call: (api, body) => api.post('/api/categories', { body }),
    done: (_, { slug }) => ({ ok: 'createCategory' as const, slug }),
  }),

  updateCategory: formAction({
    fields: CATEGORY_FIELDS,
    limits: CATEGORY_LIMITS,
    parse: (form) => {
      const original = str(form, 'original');
      const { values, body, bad } = categoryBody(form);
      return { input: { original, body }, values: { action: 'updateCategory', original, ...values }, invalid: orUndefined(bad) };
    },
    call: (api, { original, body }) => api.patch('/api/categories/{slug}', { params: { path: { slug: original } }, body }),
    done: (_, { original }) => ({ ok: 'updateCategory' as const, slug: original }),
  }),

  updateUser: formAction({
    fields: ['role', 'team', 'suspended'],
    parse: (form) => {
      const id = Number(str(form, 'id'));
      const role = ROLES.find((r) => r === str(form, 'role'));
      const team = str(form, 'team').trim();
      const suspended = form.get('suspended') === 'on';
      const input = { id, body: { role: role ?? 'fan', team: team === '' ? null : team, suspended } };
      const ok = Number.isInteger(id) && id > 0 && role !== undefined;
      return { input, values: { action: 'updateUser', id }, invalid: ok ? undefined : { role: 'invalid_value' } };
    },
    call: (api, { id, body }) => api.patch('/api/users/{id}', { params: { path: { id } }, body }),
    done: (_, { id }) => ({ ok: 'updateUser' as const, id }),
  }),
};
