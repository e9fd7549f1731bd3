import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { LikeResponse, PostResponse, RevisionList, ThreadDetail, ThreadResponse } from '$lib/types';
import { ApiError } from '$lib/api-error';
import { actionFail, localFail, pageError, str } from '$lib/server/errors';
import { pageOfPosition, parsePage, POSTS_PER_PAGE } from '$lib/pager';

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
  let detail: ThreadDetail;
  let revisions: RevisionList | null;
  try {
    [detail, revisions] = await Promise.all([
      locals.api.get<ThreadDetail>(`/api/threads/${id}`, { page, limit: POSTS_PER_PAGE, post }),
      history
        ? locals.api.get<RevisionList>(`/api/posts/${history}/revisions`).catch((e: unknown) => {
            if (e instanceof ApiError) return { revisions: [] };
            throw e;
          })
        : Promise.resolve(null),
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
    perPage: POSTS_PER_PAGE,
    editId,
    history: history && revisions ? { postId: history, revisions: revisions.revisions } : null,
  };
};

/**
 * Back to the thread (without ?edit), at the post that changed: on `page`,
 * by default the page the form was sent from (the page's actions carry it).
 */
function backTo(url: URL, id: number, postId?: number, page = parsePage(url.searchParams.get('page')) ?? 1): never {
  const base = url.pathname.startsWith(`/t/${id}`) ? url.pathname : `/t/${id}`;
  redirect(303, `${base}${pageQuery(page)}${postId ? `#post-${postId}` : ''}`);
}

export const actions: Actions = {
  reply: async ({ locals, params, request, url }) => {
    const id = threadId(params.id);
    const form = await request.formData();
    const body = str(form, 'body');
    if (!body.trim()) return localFail({ body: 'too_small' }, { action: 'reply', body });
    let post;
    try {
      ({ post } = await locals.api.post<PostResponse>(`/api/threads/${id}/posts`, { body }));
    } catch (e) {
      return actionFail(e, ['body'], { action: 'reply', body });
    }
    // To the page that holds the new post (the last one), not the page the form was on.
    backTo(url, id, post.id, pageOfPosition(post.position));
  },

  like: async ({ locals, params, request, url }) => {
    const id = threadId(params.id);
    const form = await request.formData();
    const postId = postIdOf(form);
    if (!postId) return localFail({}, { action: 'like' });
    const liked = str(form, 'liked') === 'true';
    try {
      if (liked) await locals.api.del<LikeResponse>(`/api/posts/${postId}/like`);
      else await locals.api.post<LikeResponse>(`/api/posts/${postId}/like`);
    } catch (e) {
      return actionFail(e, [], { action: 'like', postId });
    }
    backTo(url, id, postId);
  },

  accept: async ({ locals, params, request, url }) => {
    const id = threadId(params.id);
    const form = await request.formData();
    const postId = postIdOf(form);
    if (!postId) return localFail({}, { action: 'accept' });
    try {
      if (str(form, 'undo') === 'true') await locals.api.del<ThreadResponse>(`/api/threads/${id}/accept`);
      else await locals.api.post<ThreadResponse>(`/api/threads/${id}/accept`, { postId });
    } catch (e) {
      return actionFail(e, [], { action: 'accept', postId });
    }
    backTo(url, id, postId);
  },

  edit: async ({ locals, params, request, url }) => {
    const id = threadId(params.id);
    const form = await request.formData();
    const postId = postIdOf(form);
    const body = str(form, 'body');
    if (!postId) return localFail({}, { action: 'edit' });
    if (!body.trim()) return localFail({ body: 'too_small' }, { action: 'edit', postId, body });
    try {
      await locals.api.patch<PostResponse>(`/api/posts/${postId}`, { body });
    } catch (e) {
      return actionFail(e, ['body'], { action: 'edit', postId, body });
    }
    backTo(url, id, postId);
  },

  delete: async ({ locals, params, request, url }) => {
    const id = threadId(params.id);
    const form = await request.formData();
    const postId = postIdOf(form);
    if (!postId) return localFail({}, { action: 'delete' });
    try {
      await locals.api.del<PostResponse>(`/api/posts/${postId}`);
    } catch (e) {
      return actionFail(e, [], { action: 'delete', postId });
    }
    backTo(url, id, postId);
  },

  resolution: async ({ locals, params, request, url }) => {
    const id = threadId(params.id);
    const form = await request.formData();
    const solved = str(form, 'solved');
    if (solved !== 'yes' && solved !== 'no') return localFail({}, { action: 'resolution' });
    try {
      await locals.api.post<ThreadResponse>(`/api/threads/${id}/resolution`, { solved: solved === 'yes' });
    } catch (e) {
      return actionFail(e, [], { action: 'resolution' });
    }
    backTo(url, id);
  },
};
