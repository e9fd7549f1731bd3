import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { CategoryList, ThreadResponse } from '$lib/types';
import { actionFail, localFail, pageError, str } from '$lib/server/errors';
import { threadPath } from '$lib/format';

const KINDS = ['discussion', 'question', 'bug', 'suggestion'] as const;
const REPORT_FIELDS = ['device', 'softwareVersion', 'stepsToReproduce', 'expected', 'actual'] as const;
const FIELDS = ['categoryId', 'kind', 'title', 'body', ...REPORT_FIELDS.map((f) => `report.${f}`)] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
  if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  try {
    const { categories } = await locals.api.get<CategoryList>('/api/categories');
    const wanted = url.searchParams.get('c');
    const preselected = categories.find((c) => c.slug === wanted)?.id ?? null;
    return { categories: [...categories].sort((a, b) => a.position - b.position), preselected };
  } catch (e) {
    pageError(e);
  }
};

export const actions: Actions = {
  default: async ({ locals, request }) => {
    const form = await request.formData();
    const kindRaw = str(form, 'kind');
    const kind = (KINDS as readonly string[]).includes(kindRaw) ? (kindRaw as (typeof KINDS)[number]) : 'discussion';
    const values: Record<string, string> = {
      categoryId: str(form, 'categoryId'),
      kind,
      title: str(form, 'title'),
      body: str(form, 'body'),
    };
    const report: Record<string, string> = {};
    for (const f of REPORT_FIELDS) {
      const v = str(form, `report.${f}`).trim();
      values[`report.${f}`] = v;
      if (v) report[f] = v;
    }
    const missing: Record<string, string> = {};
    if (!values.categoryId) missing.categoryId = 'required';
    if (!values.title?.trim()) missing.title = 'required';
    if (!values.body?.trim()) missing.body = 'required';
    if (Object.keys(missing).length) return localFail(missing, values);

    try {
      const { thread } = await locals.api.post<ThreadResponse>('/api/threads', {
        categoryId: Number(values.categoryId),
        kind,
        title: values.title,
        body: values.body,
        ...(kind === 'bug' && Object.keys(report).length ? { report } : {}),
      });
      redirect(303, threadPath(thread));
    } catch (e) {
      return actionFail(e, FIELDS, values);
    }
  },
};
