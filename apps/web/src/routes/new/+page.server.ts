import { redirect } from '@sveltejs/kit';
import { BugReport, ThreadKind } from '@kakera/contracts';
import type { Actions, PageServerLoad } from './$types';
import { pageError, str } from '$lib/server/errors';
import { formAction, missing } from '$lib/server/form-action';
import { attachmentIdsOf, formFiles } from '$lib/server/attachments';
import { threadPath } from '$lib/format';
import { DEFAULT_KIND, usualKind } from './usual-kind';

// The kinds and the bug report's fields are the contracts' (this file runs on the server only).
const KINDS = ThreadKind.options;
const REPORT_FIELDS = BugReport.keyof().options;
/** The report's fields for the form, with the longest text each takes. */
const REPORT_FORM = REPORT_FIELDS.map((name) => ({ name, max: BugReport.shape[name].unwrap().maxLength ?? undefined }));
const FIELDS = ['categoryId', 'kind', 'title', 'body', 'files', 'attachmentIds', ...REPORT_FIELDS.map((f) => `report.${f}`)];

export const load: PageServerLoad = async ({ locals, url }) => {
  if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  try {
    const { categories } = await locals.api.get('/api/categories');
    const wanted = url.searchParams.get('c');
    const board = categories.find((c) => c.slug === wanted);
    return {
      categories: [...categories].sort((a, b) => a.position - b.position),
      preselected: board?.id ?? null,
      kinds: KINDS,
      // Opened from a board: the kind most of its recent threads have (a bug report on Bug reports).
      defaultKind: board
        ? usualKind(
            (await locals.api.get('/api/categories/{slug}/threads', { params: { path: { slug: board.slug }, query: { limit: 20 } } }))
              .threads,
          )
        : DEFAULT_KIND,
      reportFields: REPORT_FORM,
    };
  } catch (e) {
    pageError(e);
  }
};

export const actions: Actions = {
  default: formAction({
    fields: FIELDS,
    parse: (form) => {
      // An unknown kind (a tampered form) is the API's default.
      const kind = ThreadKind.safeParse(str(form, 'kind')).data ?? DEFAULT_KIND;
      const values: Record<string, string> = {
        categoryId: str(form, 'categoryId'),
        kind,
        title: str(form, 'title'),
        body: str(form, 'body'),
      };
      const report: Partial<Record<(typeof REPORT_FIELDS)[number], string>> = {};
      for (const f of REPORT_FIELDS) {
        const v = str(form, `report.${f}`).trim();
        values[`report.${f}`] = v;
        if (v) report[f] = v;
      }
      const input = {
        categoryId: Number(values.categoryId),
        kind,
        title: values.title!,
        body: values.body!,
        ...(kind === 'bug' && Object.keys(report).length ? { report } : {}),
      };
      return {
        input: { ...input, files: formFiles(form) },
        values,
        invalid: missing({ categoryId: values.categoryId!, title: values.title!.trim(), body: values.body!.trim() }),
      };
    },
    call: async (api, { files, ...body }) => {
      const attachmentIds = await attachmentIdsOf(api, files);
      return api.post('/api/threads', { body: { ...body, ...(attachmentIds && { attachmentIds }) } });
    },
    done: ({ thread }) => redirect(303, threadPath(thread)),
  }),
};
