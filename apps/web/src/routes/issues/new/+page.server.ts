import { error, redirect } from '@sveltejs/kit';
import { IssueType, Priority, Severity } from '@kakera/contracts';
import type { Actions, PageServerLoad } from './$types';
import { pageError, str } from '$lib/server/errors';
import { formAction } from '$lib/server/form-action';
import { issueKeyOf } from '$lib/server/tracker';
import { requireSignedIn } from '../../staff/staff-guard';

/** `?thread=` and `?post=`: ids, or a link to nothing. */
function idParam(raw: string | null, required: boolean): number | undefined {
  if (raw === null && !required) return undefined;
  const n = Number(raw);
  if (!raw || !Number.isInteger(n) || n <= 0 || n > 2_147_483_647) error(404, { message: 'Not found', code: 'not_found' });
  return n;
}

/**
 * Promote a thread (or one post of it) to an issue: the draft the API fills
 * from the thread (title, body, report fields, a link back), the most
 * similar issues first — link to one of them — or create a new issue. Staff
 * only: the API answers 403 to anyone else, shown as such.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSignedIn(locals, url);
  const threadId = idParam(url.searchParams.get('thread'), true)!;
  const postId = idParam(url.searchParams.get('post'), false);
  try {
    const [promote, detail, staff] = await Promise.all([
      locals.api.get('/api/threads/{id}/promote', { params: { path: { id: threadId }, query: { postId } } }),
      locals.api.get('/api/threads/{id}', { params: { path: { id: threadId }, query: { limit: 1 } } }),
      locals.api.get('/api/users/staff').catch(() => ({ staff: [] })),
    ]);
    return {
      thread: { id: detail.thread.id, title: detail.thread.title, issue: detail.thread.issue },
      postId: postId ?? null,
      draft: promote.draft,
      similar: promote.similar,
      staff: staff.staff.map((s) => ({ id: s.id, name: s.name })),
      types: IssueType.options,
      severities: Severity.options,
      priorities: Priority.options,
    };
  } catch (e) {
    pageError(e);
  }
};

/** Where a promotion ends: the thread, at the promoted post, where the badge now shows. */
function backToThread(threadId: number, postId: number | undefined): never {
  redirect(303, postId ? `/t/${threadId}?post=${postId}#post-${postId}` : `/t/${threadId}`);
}

const pick = <T extends string>(options: readonly T[], raw: string): T | undefined => options.find((o) => o === raw);
const orUndefined = (s: string) => (s.trim() === '' ? undefined : s.trim());

export const actions: Actions = {
  create: formAction({
    fields: ['title', 'type', 'severity', 'priority', 'component', 'assigneeId', 'labels', 'affectedVersion', 'description'],
    limits: { title: { min: 3, max: 160 }, component: { max: 60 }, affectedVersion: { max: 40 }, description: { max: 50_000 } },
    parse: (form, { url }) => {
      const threadId = idParam(url.searchParams.get('thread'), true)!;
      const postId = idParam(url.searchParams.get('post'), false);
      const values = Object.fromEntries(
        ['title', 'type', 'severity', 'priority', 'component', 'assigneeId', 'labels', 'affectedVersion', 'description'].map((k) => [
          k,
          str(form, k),
        ]),
      );
      const assignee = Number(values.assigneeId);
      const labels = (values.labels ?? '')
        .split(/[,、，]/)
        .map((l) => l.trim())
        .filter(Boolean);
      const body = {
        ...(postId ? { postId } : {}),
        title: values.title!.trim(),
        type: pick(IssueType.options, values.type!),
        severity: pick(Severity.options, values.severity!),
        priority: pick(Priority.options, values.priority!),
        component: orUndefined(values.component!),
        assigneeId: Number.isInteger(assignee) && assignee > 0 ? assignee : undefined,
        labels: labels.length ? labels : undefined,
        affectedVersion: orUndefined(values.affectedVersion!),
        description: values.description!.trim(),
      };
      return { input: { threadId, postId, body }, values, invalid: body.title ? undefined : { title: 'required' } };
    },
    call: (api, { threadId, body }) => api.post('/api/threads/{id}/promote', { params: { path: { id: threadId } }, body }),
    done: (_, { threadId, postId }) => backToThread(threadId, postId),
  }),

  link: formAction({
    fields: ['issueKey'],
    parse: (form, { url }) => {
      const threadId = idParam(url.searchParams.get('thread'), true)!;
      const postId = idParam(url.searchParams.get('post'), false);
      const raw = str(form, 'issueKey').trim();
      const issueKey = issueKeyOf(raw);
      return {
        input: { threadId, postId, issueKey: issueKey ?? '' },
        values: { issueKey: raw },
        invalid: issueKey ? undefined : { issueKey: raw ? 'invalid_format' : 'required' },
      };
    },
    call: (api, { threadId, postId, issueKey }) =>
      api.post('/api/threads/{id}/promote', { params: { path: { id: threadId } }, body: { issueKey, ...(postId ? { postId } : {}) } }),
    done: (_, { threadId, postId }) => backToThread(threadId, postId),
  }),
};
