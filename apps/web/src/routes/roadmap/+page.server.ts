import type { Actions, PageServerLoad } from './$types';
import { pageError } from '$lib/server/errors';
import { voteAction } from '$lib/server/tracker';

/** The public roadmap: feature and feedback issues, planned / in progress / released, most votes first. */
export const load: PageServerLoad = async ({ locals, url, depends }) => {
  // Re-run when an issue moves between columns (see the page's live list).
  depends('app:roadmap');
  const component = url.searchParams.get('component')?.trim().slice(0, 60) || undefined;
  try {
    const roadmap = await locals.api.get('/api/roadmap', { params: { query: { component } } });
    return { roadmap, component: component ?? '' };
  } catch (e) {
    pageError(e);
  }
};

export const actions: Actions = {
  vote: voteAction(),
};
