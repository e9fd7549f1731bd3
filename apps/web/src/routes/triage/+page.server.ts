import { error, fail, redirect } from '@sveltejs/kit';
import { IssueStatus, IssueType, Priority, Severity, type UpdateIssueBody } from '@kakera/contracts';
import type { Actions, PageServerLoad } from './$types';
import { ApiError } from '$lib/api-error';
import { issueStatusLabel } from '$lib/i18n/labels';
import { m } from '$lib/paraglide/messages.js';
import { actionFail, localFail, pageError, str, wordErrors } from '$lib/server/errors';
import { errorText } from '$lib/server/error-text';
import { issueKeyOf, pageOf } from '$lib/server/tracker';
import { requireSignedIn } from '../staff/staff-guard';
import { apiQuery, readFilters, STATUS_FILTERS } from './triage-query';

/**
 * The triage queue for engineers: one server-rendered page of 50 issues for
 * the filters in the address, a cursor to the next. For those the API lets
 * use staff tools (`Me.can.staffTools`); anyone else gets 403.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSignedIn(locals, url);
  if (!locals.user?.can.staffTools) error(403, { message: errorText('forbidden'), code: 'forbidden' });
  const filters = readFilters(url.searchParams);
  const cursor = url.searchParams.get('cursor');
  try {
    const [list, staff] = await Promise.all([
      locals.api.get('/api/issues', { params: { query: apiQuery(filters, cursor) } }),
      locals.api.get('/api/users/staff'),
    ]);
    return {
      filters,
      issues: list.issues,
      nextCursor: list.nextCursor,
      paged: Boolean(cursor),
      staff: staff.staff.map((s) => ({ id: s.id, name: s.name })),
      options: {
        statusFilters: STATUS_FILTERS,
        statuses: IssueStatus.options,
        types: IssueType.options,
        severities: Severity.options,
        priorities: Priority.options,
      },
    };
  } catch (e) {
    pageError(e);
  }
};

type Field = 'status' | 'severity' | 'priority' | 'assigneeId';

/** One field's new value from a form (`''` clears severity, priority or assignee), or undefined when it is not one. */
function fieldValue(field: Field, raw: string): UpdateIssueBody[Field] | undefined {
  switch (field) {
    case 'status':
      return IssueStatus.options.find((s) => s === raw);
    case 'severity':
      return raw === '' ? null : Severity.options.find((s) => s === raw);
    case 'priority':
      return raw === '' ? null : Priority.options.find((p) => p === raw);
    case 'assigneeId': {
      const n = Number(raw);
      return raw === '' ? null : Number.isInteger(n) && n > 0 ? n : undefined;
    }
  }
}

const FIELDS: Field[] = ['status', 'severity', 'priority', 'assigneeId'];

export const actions: Actions = {
  /** One field of one issue (the keyboard's s, p, a, t): back to the same page of the queue. */
  set: async ({ request, locals, url }) => {
    const form = await request.formData();
    const key = issueKeyOf(str(form, 'key'));
    const field = FIELDS.find((f) => f === str(form, 'field'));
    const value = field ? fieldValue(field, str(form, 'value')) : undefined;
    const values = { action: 'set', key: key ?? '', field: field ?? '' };
    if (!key || !field || value === undefined) return localFail({}, values);
    try {
      await locals.api.patch('/api/issues/{key}', { params: { path: { key } }, body: { [field]: value } });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && field === 'status') {
        const errors = wordErrors({ form: 'conflict', fields: {} });
        errors.form = m.issue_move_refused({
          from: issueStatusLabel(str(form, 'was')),
          to: issueStatusLabel(String(value)),
          reason: e.message,
        });
        return fail(409, { errors, values });
      }
      return actionFail(e, [], values);
    }
    redirect(303, pageOf(url));
  },

  /** The same change to every selected issue: answers which were updated and which failed, and why. */
  bulk: async ({ request, locals }) => {
    const form = await request.formData();
    const keys = [...new Set(form.getAll('keys').map((k) => issueKeyOf(String(k))))].filter((k): k is string => k !== null);
    const set: Record<string, unknown> = {};
    for (const f of FIELDS) {
      const raw = str(form, f);
      if (raw === '' || raw === 'keep') continue;
      const value = fieldValue(f, raw === 'none' ? '' : raw);
      if (value !== undefined) set[f] = value;
    }
    const values = { action: 'bulk' };
    if (keys.length === 0) return localFail({ keys: 'required' }, values);
    if (Object.keys(set).length === 0) return localFail({ set: 'required' }, values);
    try {
      const result = await locals.api.patch('/api/issues', { body: { keys: keys.slice(0, 200), set: set as UpdateIssueBody } });
      return {
        bulk: {
          updated: result.updated,
          failed: result.failed.map((f) => ({ key: f.key, text: errorText(f.code), reason: f.message })),
        },
      };
    } catch (e) {
      return actionFail(e, ['assigneeId'], values);
    }
  },
};
