import { error, redirect } from '@sveltejs/kit';
import { THREAD_PAGE_SIZE } from '@kakera/contracts';
import type { Actions, PageServerLoad } from './$types';
import type { RevisionList } from '$lib/types';
import { ApiError } from '$lib/api-error';
import { pageError, str } from '$lib/server/errors';
import { formAction } from '$lib/server/form-action';
import { attachmentIdsOf, formFiles } from '$lib/server/attachments';
import { pageOfPosition, parsePage } from '$lib/pager';
import { issueKeyOf, voteAction } from '$lib/server/tracker';

function threadId(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) error(404, { message: 'Not found', code: 'not_found' });
  return id;
}

/** A `page` or `post` query value that is there but is not a page number or an id is a link to nothing. */
function numberParam(url: URL, name: 'page' | 'post'): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return undefined;
  const n = name === 'page' ? parsePage(raw) : /^[1-9]\d{0,9}$/.test(raw) ? threadId(raw) : null;
  if (n === null) error(404, { message: 'Not found', code: 'not_found' });
  return n;
}

function postIdOf(form: FormData): number | null {
  const id = Number(str(form, 'postId'));
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** `?page=2` for pages after the first; the first page is the thread's own address. */
const pageQuery = (page: number) => (page > 1 ? `?page=${page}` : '');

export const load: PageServerLoad = async ({ locals, params, url, depends }) => {
  const id = threadId(params.id);
  // Re-run when a post of this thread is edited or deleted (post.updated, see thread-live.svelte.ts).
  depends('app:thread');
  // `post` (a link to one post) wins over `page`: the API answers the page that holds it.
  const post = numberParam(url, 'post');
  const page = numberParam(url, 'page') ?? 1;
  const history = Number(url.searchParams.get('history')) || null;
  let detail;
  // The live position before the thread is read: its subscription catches up from there (thread-live.svelte.ts).
  let liveSince: number | undefined;
  let revisions: RevisionList | null;
  let staffTools: StaffTools | null;
  try {
    liveSince = (await locals.api.get('/api/live')).since;
    [detail, revisions, staffTools] = await Promise.all([
      // The page size is the API's (`perPage` in the answer).
      locals.api.get('/api/threads/{id}', { params: { path: { id }, query: { page, post } } }),
      history
        ? locals.api.get('/api/posts/{id}/revisions', { params: { path: { id: history } } }).catch((e: unknown) => {
            if (e instanceof ApiError) return { revisions: [] };
            throw e;
          })
        : Promise.resolve(null),
      // What the staff menu offers to choose from (boards to move to, people to escalate to), asked
      // alongside the thread for those the API lets use staff tools; the menu shows if `thread.can.moderate`.
      locals.user?.can.staffTools ? staffChoices(locals.api) : Promise.resolve(null),
    ]);
  } catch (e) {
    pageError(e);
  }
  // A page past the end (an old or hand-made link): the last page is what the reader was after.
  if (detail.page > detail.pageCount) redirect(302, `${url.pathname}${pageQuery(detail.pageCount)}`);
  const editId = Number(url.searchParams.get('edit')) || null;
  return {
    thread: detail.thread,
    posts: detail.posts,
    page: detail.page,
    pageCount: detail.pageCount,
    perPage: detail.perPage,
    liveSince,
    editId,
    history: history && revisions ? { postId: history, revisions: revisions.revisions } : null,
    staffTools: detail.thread.can.moderate ? staffTools : null,
  };
};

type StaffTools = { boards: { id: number; name: string }[]; staff: { id: number; name: string }[] };

/** The boards and staff members the staff menu offers; without them the menu offers the rest. */
async function staffChoices(api: App.Locals['api']): Promise<StaffTools> {
  const [categories, staff] = await Promise.all([
    api.get('/api/categories').catch(() => ({ categories: [] })),
    api.get('/api/users/staff').catch(() => ({ staff: [] })),
  ]);
  return {
    boards: categories.categories.map((c) => ({ id: c.id, name: c.name })),
    staff: staff.staff.map((s) => ({ id: s.id, name: s.name })),
  };
}

/**
 * Back to the thread (without ?edit), at the post that changed: on `page`,
 * by default the page the form was sent from (the page's actions carry it).
 */
function backTo(url: URL, id: number, postId?: number, page = parsePage(url.searchParams.get('page')) ?? 1): never {
  const base = url.pathname.startsWith(`/t/${id}`) ? url.pathname : `/t/${id}`;
  redirect(303, `${base}${pageQuery(page)}${postId ? `#post-${postId}` : ''}`);
}

/** A positive whole number from a form field, or null. */
function idOf(form: FormData, name: string): number | null {
  const n = Number(str(form, name));
  return Number.isInteger(n) && n > 0 && n <= 2_147_483_647 ? n : null;
}

/** The thread (a bad id is a 404) and the form's post, or a broken form (`invalid: {}`: the summary says so). */
function onePost<V extends { action: string }>(rawId: string, form: FormData, values: V) {
  const id = threadId(rawId);
  const postId = postIdOf(form);
  return postId ? { input: { id, postId }, values: { ...values, postId } } : { input: { id, postId: 0 }, values, invalid: {} };
}

export const actions: Actions = {
  reply: formAction({
    fields: ['body', 'files', 'attachmentIds'],
    parse: (form, { params }) => {
      const id = threadId(params.id);
      const body = str(form, 'body');
      return {
        input: { id, body, files: formFiles(form) },
        values: { action: 'reply', body },
        invalid: body.trim() ? undefined : { body: 'too_small' },
      };
    },
    call: async (api, { id, body, files }) => {
      const attachmentIds = await attachmentIdsOf(api, files);
      return api.post('/api/threads/{id}/posts', { params: { path: { id } }, body: { body, ...(attachmentIds && { attachmentIds }) } });
    },
    // To the page that holds the new post (the last one), not the page the form was on. The page
    // size is the API's own default (the load asks for no other).
    done: ({ post }, { id }, { url }) => backTo(url, id, post.id, pageOfPosition(post.position, THREAD_PAGE_SIZE)),
  }),

  like: formAction({
    parse: (form, { params }) => {
      const { input, values, invalid } = onePost(params.id, form, { action: 'like' });
      return { input: { ...input, liked: str(form, 'liked') === 'true' }, values, invalid };
    },
    call: (api, { postId, liked }) => {
      const path = { params: { path: { id: postId } } };
      return liked ? api.del('/api/posts/{id}/like', path) : api.post('/api/posts/{id}/like', path);
    },
    done: (_, { id, postId }, { url }) => backTo(url, id, postId),
  }),

  accept: formAction({
    parse: (form, { params }) => {
      const { input, values, invalid } = onePost(params.id, form, { action: 'accept' });
      return { input: { ...input, undo: str(form, 'undo') === 'true' }, values, invalid };
    },
    call: (api, { id, postId, undo }) =>
      undo
        ? api.del('/api/threads/{id}/accept', { params: { path: { id } } })
        : api.post('/api/threads/{id}/accept', { params: { path: { id } }, body: { postId } }),
    done: (_, { id, postId }, { url }) => backTo(url, id, postId),
  }),

  edit: formAction({
    fields: ['body'],
    parse: (form, { params }) => {
      const body = str(form, 'body');
      const { input, values, invalid } = onePost(params.id, form, { action: 'edit', body });
      return { input: { ...input, body }, values, invalid: invalid ?? (body.trim() ? undefined : { body: 'too_small' }) };
    },
    call: (api, { postId, body }) => api.patch('/api/posts/{id}', { params: { path: { id: postId } }, body: { body } }),
    done: (_, { id, postId }, { url }) => backTo(url, id, postId),
  }),

  delete: formAction({
    parse: (form, { params }) => onePost(params.id, form, { action: 'delete' }),
    call: (api, { postId }) => api.del('/api/posts/{id}', { params: { path: { id: postId } } }),
    done: (_, { id, postId }, { url }) => backTo(url, id, postId),
  }),

  resolution: formAction({
    parse: (form, { params }) => {
      const id = threadId(params.id);
      const solved = str(form, 'solved');
      return {
        input: { id, solved: solved === 'yes' },
        values: { action: 'resolution' },
        invalid: solved === 'yes' || solved === 'no' ? undefined : {},
      };
    },
    call: (api, { id, solved }) => api.post('/api/threads/{id}/resolution', { params: { path: { id } }, body: { solved } }),
    done: (_, { id }, { url }) => backTo(url, id),
  }),

  // The issue badge's vote button.
  vote: voteAction((url) => {
    const page = parsePage(url.searchParams.get('page'));
    return `${url.pathname}${page && page > 1 ? `?page=${page}` : ''}`;
  }),

  // The staff menu: the same calls as the response queue and the moderation API.
  claim: formAction({
    parse: (form, { params }) => {
      const obligationId = idOf(form, 'obligationId');
      return {
        input: { id: threadId(params.id), obligationId: obligationId ?? 0 },
        values: { action: 'claim' },
        invalid: obligationId ? undefined : {},
      };
    },
    call: (api, { obligationId }) => api.post('/api/sla/obligations/{id}/claim', { params: { path: { id: obligationId } } }),
    done: (_, { id }, { url }) => backTo(url, id),
  }),

  closeObligation: formAction({
    fields: ['reason'],
    parse: (form, { params }) => {
      const obligationId = idOf(form, 'obligationId');
      const reason = str(form, 'reason').trim();
      const invalid: Record<string, string> | undefined = !obligationId ? {} : reason ? undefined : { reason: 'required' };
      return {
        input: { id: threadId(params.id), obligationId: obligationId ?? 0, reason },
        values: { action: 'closeObligation' },
        invalid,
      };
    },
    call: (api, { obligationId, reason }) =>
      api.post('/api/sla/obligations/{id}/close', { params: { path: { id: obligationId } }, body: { reason } }),
    done: (_, { id }, { url }) => backTo(url, id),
  }),

  hide: formAction({
    fields: ['reason'],
    limits: { reason: { min: 1, max: 500 } },
    parse: (form, { params }) => {
      const reason = str(form, 'reason').trim();
      return {
        input: { id: threadId(params.id), reason },
        values: { action: 'hide', reason },
        invalid: reason ? undefined : { reason: 'required' },
      };
    },
    call: (api, { id, reason }) => api.post('/api/threads/{id}/hide', { params: { path: { id } }, body: { reason } }),
    done: (_, { id }, { url }) => backTo(url, id),
  }),

  unhide: formAction({
    parse: (_form, { params }) => ({ input: { id: threadId(params.id) }, values: { action: 'unhide' } }),
    call: (api, { id }) => api.post('/api/threads/{id}/unhide', { params: { path: { id } } }),
    done: (_, { id }, { url }) => backTo(url, id),
  }),

  lock: formAction({
    parse: (form, { params }) => ({
      input: { id: threadId(params.id), locked: str(form, 'locked') === 'true' },
      values: { action: 'lock' },
    }),
    call: (api, { id, locked }) => api.post('/api/threads/{id}/lock', { params: { path: { id } }, body: { locked } }),
    done: (_, { id }, { url }) => backTo(url, id),
  }),

  pin: formAction({
    parse: (form, { params }) => ({
      input: { id: threadId(params.id), pinned: str(form, 'pinned') === 'true' },
      values: { action: 'pin' },
    }),
    call: (api, { id, pinned }) => api.post('/api/threads/{id}/pin', { params: { path: { id } }, body: { pinned } }),
    done: (_, { id }, { url }) => backTo(url, id),
  }),

  move: formAction({
    fields: ['categoryId'],
    parse: (form, { params }) => {
      const categoryId = idOf(form, 'categoryId');
      return {
        input: { id: threadId(params.id), categoryId: categoryId ?? 0 },
        values: { action: 'move' },
        invalid: categoryId ? undefined : { categoryId: 'required' },
      };
    },
    call: (api, { id, categoryId }) => api.post('/api/threads/{id}/move', { params: { path: { id } }, body: { categoryId } }),
    done: (_, { id }, { url }) => backTo(url, id),
  }),

  escalate: formAction({
    fields: ['toUserId', 'note'],
    limits: { note: { min: 1, max: 2000 } },
    parse: (form, { params }) => {
      const toUserId = idOf(form, 'toUserId');
      const note = str(form, 'note').trim();
      const invalid = { ...(toUserId ? {} : { toUserId: 'required' }), ...(note ? {} : { note: 'required' }) };
      return {
        input: { id: threadId(params.id), toUserId: toUserId ?? 0, note },
        values: { action: 'escalate', note },
        invalid: Object.keys(invalid).length ? invalid : undefined,
      };
    },
    call: (api, { id, toUserId, note }) => api.post('/api/escalations', { body: { threadId: id, toUserId, note } }),
    done: (_, { id }, { url }) => backTo(url, id),
  }),

  // Link this thread to an issue that already exists, by its key.
  link: formAction({
    fields: ['issueKey'],
    parse: (form, { params }) => {
      const raw = str(form, 'issueKey').trim();
      const issueKey = issueKeyOf(raw);
      return {
        input: { id: threadId(params.id), issueKey: issueKey ?? '' },
        values: { action: 'link', issueKey: raw },
        invalid: issueKey ? undefined : { issueKey: raw ? 'invalid_format' : 'required' },
      };
    },
    call: (api, { id, issueKey }) => api.post('/api/threads/{id}/promote', { params: { path: { id } }, body: { issueKey } }),
    done: (_, { id }, { url }) => backTo(url, id),
  }),

  // Moderation of one post (PostModeration.svelte): flag it for staff; staff hide it or show it again.
  flag: formAction({
    fields: ['reason', 'note'],
    limits: { note: { max: 500 } },
    parse: (form, { params }) => {
      const { input, values, invalid } = onePost(params.id, form, { action: 'flag' });
      const reason = str(form, 'reason');
      const note = str(form, 'note').trim();
      const known = ['spam', 'abuse', 'off_topic', 'other'].includes(reason);
      const missingNote = reason === 'other' && !note;
      return {
        input: { ...input, reason: (known ? reason : 'other') as 'spam' | 'abuse' | 'off_topic' | 'other', note },
        values: { ...values, note },
        invalid: invalid ?? (!known ? { reason: 'required' } : missingNote ? { note: 'required' } : undefined),
      };
    },
    call: (api, { postId, reason, note }) => api.post('/api/posts/{id}/flag', { params: { path: { id: postId } }, body: { reason, note } }),
    done: (_, { id, postId }, { url }) => backTo(url, id, postId),
  }),

  hidePost: formAction({
    fields: ['reason'],
    limits: { reason: { min: 1, max: 500 } },
    parse: (form, { params }) => {
      const { input, values, invalid } = onePost(params.id, form, { action: 'hidePost' });
      const reason = str(form, 'reason').trim();
      return { input: { ...input, reason }, values, invalid: invalid ?? (reason ? undefined : { reason: 'required' }) };
    },
    call: (api, { postId, reason }) => api.post('/api/posts/{id}/hide', { params: { path: { id: postId } }, body: { reason } }),
    done: (_, { id, postId }, { url }) => backTo(url, id, postId),
  }),

  unhidePost: formAction({
    parse: (form, { params }) => onePost(params.id, form, { action: 'unhidePost' }),
    call: (api, { postId }) => api.post('/api/posts/{id}/unhide', { params: { path: { id: postId } } }),
    done: (_, { id, postId }, { url }) => backTo(url, id, postId),
  }),
};
