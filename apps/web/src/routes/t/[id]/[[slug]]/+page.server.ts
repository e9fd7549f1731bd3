import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { LikeResponse, PostResponse, RevisionList, ThreadDetail, ThreadResponse } from '$lib/types';
import { ApiError } from '$lib/api-error';
import { actionFail, localFail, pageError, str } from '$lib/server/errors';

function threadId(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) error(404, { message: 'Not found', code: 'not_found' });
  return id;
}

function postIdOf(form: FormData): number | null {
  const id = Number(str(form, 'postId'));
  return Number.isInteger(id) && id > 0 ? id : null;
}

export const load: PageServerLoad = async ({ locals, params, url, depends }) => {
  const id = threadId(params.id);
  // Re-run when a post of this thread is edited or deleted (post.updated, see thread-live.svelte.ts).
  depends('app:thread');
  const cursor = url.searchParams.get('cursor') ?? undefined;
  const history = Number(url.searchParams.get('history')) || null;
  try {
    const [detail, revisions] = await Promise.all([
      locals.api.get<ThreadDetail>(`/api/threads/${id}`, { cursor, limit: 50 }),
      history
        ? locals.api.get<RevisionList>(`/api/posts/${history}/revisions`).catch((e: unknown) => {
            if (e instanceof ApiError) return { revisions: [] };
            throw e;
          })
        : Promise.resolve(null),
    ]);
    const editId = Number(url.searchParams.get('edit')) || null;
    return {
      thread: detail.thread,
      posts: detail.posts,
      nextCursor: detail.nextCursor,
      firstPage: !cursor,
      editId,
      history: history && revisions ? { postId: history, revisions: revisions.revisions } : null,
    };
  } catch (e) {
    pageError(e);
  }
};

/** Back to the thread (without ?edit), at the post that changed. */
function backTo(url: URL, id: number, postId?: number): never {
  const cursor = url.searchParams.get('cursor');
  const base = url.pathname.startsWith(`/t/${id}`) ? url.pathname : `/t/${id}`;
  redirect(303, `${base}${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}${postId ? `#post-${postId}` : ''}`);
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
    backTo(url, id, post.id);
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
