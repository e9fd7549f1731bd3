import { error, fail, redirect } from '@sveltejs/kit';
import { IssueStatus, IssueType, Priority, Severity } from '@kakera/contracts';
import type { Actions, PageServerLoad } from './$types';
import { ApiError } from '$lib/api-error';
import { issueStatusLabel } from '$lib/i18n/labels';
import { m } from '$lib/paraglide/messages.js';
import { actionFail, pageError, str, wordErrors } from '$lib/server/errors';
import { formAction } from '$lib/server/form-action';
import { issueKeyOf, voteAction } from '$lib/server/tracker';
import { changedFields, EDIT_FIELDS } from './issue-edit';

function keyOf(raw: string): string {
  const key = issueKeyOf(raw);
  if (!key) error(404, { message: 'Not found', code: 'not_found' });
  return key;
}

export const load: PageServerLoad = async ({ locals, params, url, depends }) => {
  const key = keyOf(params.key);
  // `kak-12` is `KAK-12`: one address per issue.
  if (key !== params.key) redirect(301, `/issues/${key}${url.search}`);
  // Re-run when the issue changes (issue.changed, issue.noted: see issue-live.svelte.ts).
  depends('app:issue');
  let detail;
  let staff: { id: number; name: string }[];
  try {
    [detail, staff] = await Promise.all([
      locals.api.get('/api/issues/{key}', { params: { path: { key } } }),
      // Staff pick assignees and escalate to staff; for anyone else the API says no (403) and nothing is shown.
      locals.user?.can.staffTools
        ? locals.api
            .get('/api/users/staff')
            .then((r) => r.staff.map((s) => ({ id: s.id, name: s.name })))
            .catch(() => [])
        : Promise.resolve([]),
    ]);
  } catch (e) {
    pageError(e);
  }
  return {
    ...detail,
    staff,
    names: await assigneeNames(locals.api, detail.history, staff),
    options: { types: IssueType.options, statuses: IssueStatus.options, severities: Severity.options, priorities: Priority.options },
  };
};

/**
 * The history keeps an assignee change as user ids: their names, from the
 * staff list when the reader has it, else from the public profiles (a few).
 */
async function assigneeNames(
  api: App.Locals['api'],
  history: { field: string; from: string | null; to: string | null }[],
  staff: { id: number; name: string }[],
): Promise<Record<number, string>> {
  const names: Record<number, string> = Object.fromEntries(staff.map((s) => [s.id, s.name]));
  const wanted = new Set<number>();
  for (const h of history) {
    if (h.field !== 'assignee') continue;
    for (const v of [h.from, h.to]) if (v && /^\d+$/.test(v) && !(Number(v) in names)) wanted.add(Number(v));
  }
  const found = await Promise.all(
    [...wanted].slice(0, 20).map((id) =>
      api
        .get('/api/users/{id}', { params: { path: { id } } })
        .then((r) => [id, r.user.name] as const)
        .catch(() => null),
    ),
  );
  for (const f of found) if (f) names[f[0]] = f[1];
  return names;
}

const back = (key: string, hash = '') => redirect(303, `/issues/${key}${hash}`);

export const actions: Actions = {
  vote: voteAction(),

  update: async (event) => {
    const key = keyOf(event.params.key);
    const form = await event.request.formData();
    const set = changedFields(form);
    const values = Object.fromEntries(EDIT_FIELDS.map((f) => [f, str(form, f)]));
    if (Object.keys(set).length === 0) back(key);
    try {
      await event.locals.api.patch('/api/issues/{key}', { params: { path: { key } }, body: set });
    } catch (e) {
      // A move outside the workflow: the reason goes beside the status field.
      if (e instanceof ApiError && e.status === 409 && set.status) {
        const errors = wordErrors({ form: null, fields: {} });
        errors.fields.status = m.issue_move_refused({
          from: issueStatusLabel(str(form, 'was.status')),
          to: issueStatusLabel(set.status),
          reason: e.message,
        });
        return fail(409, { errors, values: { action: 'update', ...values } });
      }
      return actionFail(e, [...EDIT_FIELDS], { action: 'update', ...values });
    }
    back(key);
  },

  note: formAction({
    fields: ['body'],
    limits: { body: { min: 1, max: 20_000 } },
    parse: (form, { params }) => {
      const body = str(form, 'body').trim();
      return {
        input: { key: keyOf(params.key), body },
        values: { action: 'note', body },
        invalid: body ? undefined : { body: 'required' },
      };
    },
    call: (api, { key, body }) => api.post('/api/issues/{key}/notes', { params: { path: { key } }, body: { body } }),
    done: (_, { key }) => back(key, '#notes'),
  }),

  merge: formAction({
    fields: ['intoKey'],
    parse: (form, { params }) => {
      const raw = str(form, 'intoKey').trim();
      const intoKey = issueKeyOf(raw);
      return {
        input: { key: keyOf(params.key), intoKey: intoKey ?? '' },
        values: { action: 'merge', intoKey: raw },
        invalid: intoKey ? undefined : { intoKey: raw ? 'invalid_format' : 'required' },
      };
    },
    call: (api, { key, intoKey }) => api.post('/api/issues/{key}/merge', { params: { path: { key } }, body: { intoKey } }),
    // To the issue it was merged into: that is where its threads and votes are now.
    done: ({ issue }) => back(issue.key),
  }),

  escalate: formAction({
    fields: ['toUserId', 'note'],
    limits: { note: { min: 1, max: 2000 } },
    parse: (form, { params }) => {
      const toUserId = Number(str(form, 'toUserId'));
      const note = str(form, 'note').trim();
      const ok = Number.isInteger(toUserId) && toUserId > 0;
      const invalid = { ...(ok ? {} : { toUserId: 'required' }), ...(note ? {} : { note: 'required' }) };
      return {
        input: { key: keyOf(params.key), toUserId, note },
        values: { action: 'escalate', note },
        invalid: Object.keys(invalid).length ? invalid : undefined,
      };
    },
    call: (api, { key, toUserId, note }) => api.post('/api/escalations', { body: { issueKey: key, toUserId, note } }),
    done: (_, { key }) => back(key),
  }),
};
