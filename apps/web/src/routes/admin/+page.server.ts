import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { AdminUser, Category, CategoryList, UserList } from '$lib/types';
import { actionFail, localFail, pageError, str } from '$lib/server/errors';

const ROLES = ['fan', 'staff', 'executive', 'admin'] as const;
const CATEGORY_FIELDS = ['slug', 'name', 'description', 'slaTargetSeconds', 'position'] as const;
/** A board's name allows 1–80 characters (a person's name 2–40). */
const CATEGORY_LIMITS = { name: { min: 1, max: 80 } };

function requireAdmin(locals: App.Locals): void {
  if (locals.user?.role !== 'admin') error(403, { message: 'Admins only', code: 'forbidden' });
}

export const load: PageServerLoad = async ({ locals, url }) => {
  requireAdmin(locals);
  const q = (url.searchParams.get('q') ?? '').trim();
  try {
    const [{ categories }, { users }] = await Promise.all([
      locals.api.get<CategoryList>('/api/categories'),
      locals.api.get<UserList>('/api/users', { q, limit: 50 }),
    ]);
    return {
      categories: [...categories].sort((a, b) => a.position - b.position) as Category[],
      users: users as AdminUser[],
      q,
    };
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
  return { values, body, bad };
}

export const actions: Actions = {
  createCategory: async ({ locals, request }) => {
    requireAdmin(locals);
    const form = await request.formData();
    const { values, body, bad } = categoryBody(form);
    const slug = values.slug.trim();
    if (!slug) bad.slug = 'required';
    if (!body.name) bad.name = 'required';
    if (Object.keys(bad).length) return localFail(bad, { action: 'createCategory', ...values }, CATEGORY_LIMITS);
    try {
      await locals.api.post('/api/categories', { slug, ...body });
    } catch (e) {
      return actionFail(e, CATEGORY_FIELDS, { action: 'createCategory', ...values }, CATEGORY_LIMITS);
    }
    return { ok: 'createCategory' as const, slug };
  },

  updateCategory: async ({ locals, request }) => {
    requireAdmin(locals);
    const form = await request.formData();
    const original = str(form, 'original');
    const { values, body, bad } = categoryBody(form);
    if (!body.name) bad.name = 'required';
    if (Object.keys(bad).length) return localFail(bad, { action: 'updateCategory', original, ...values }, CATEGORY_LIMITS);
    try {
      await locals.api.patch(`/api/categories/${encodeURIComponent(original)}`, body);
    } catch (e) {
      return actionFail(e, CATEGORY_FIELDS, { action: 'updateCategory', original, ...values }, CATEGORY_LIMITS);
    }
    return { ok: 'updateCategory' as const, slug: original };
  },

  updateUser: async ({ locals, request }) => {
    requireAdmin(locals);
    const form = await request.formData();
    const id = Number(str(form, 'id'));
    const role = str(form, 'role');
    const team = str(form, 'team').trim();
    const suspended = form.get('suspended') === 'on';
    if (!Number.isInteger(id) || id <= 0 || !(ROLES as readonly string[]).includes(role)) {
      return localFail({ role: 'invalid_value' }, { action: 'updateUser', id });
    }
    try {
      await locals.api.patch(`/api/users/${id}`, { role, team: team === '' ? null : team, suspended });
    } catch (e) {
      return actionFail(e, ['role', 'team', 'suspended'], { action: 'updateUser', id });
    }
    return { ok: 'updateUser' as const, id };
  },
};
