import { Lazy } from '$lib/lazy.svelte';
import type { Post, Thread } from '$lib/types';

/**
 * The parts of a thread page only some readers get, fetched apart from the
 * page: the reply form (and with it the Markdown editor, @mention completion
 * and the attachment picker), a post's edit form, a post's action bar (like,
 * accept, edit, delete), flagging and hiding, the resolution prompt (these five in one chunk, thread-tools.ts: whoever may
 * reply may usually flag too), and the staff menu (a chunk of its own). Which
 * ones a page needs is what the API's `can` flags say (the same conditions
 * the page renders them under), so a guest's page fetches none of them.
 */
const tools = () => import('./thread-tools');
export const threadParts = {
  replyForm: new Lazy(() => tools().then((t) => ({ default: t.ReplyForm }))),
  postEditForm: new Lazy(() => tools().then((t) => ({ default: t.PostEditForm }))),
  postModeration: new Lazy(() => tools().then((t) => ({ default: t.PostModeration }))),
  postActions: new Lazy(() => tools().then((t) => ({ default: t.PostActions }))),
  resolutionPrompt: new Lazy(() => tools().then((t) => ({ default: t.ResolutionPrompt }))),
  staffMenu: new Lazy(() => import('./StaffMenu.svelte')),
};

export interface ThreadView {
  thread: Pick<Thread, 'can' | 'issue'>;
  posts: Pick<Post, 'id' | 'kind' | 'can' | 'deleted' | 'hidden'>[];
  editId: number | null;
  staffTools: unknown;
}

/** The parts this view of the thread renders. */
export function neededParts({ thread, posts, editId, staffTools }: ThreadView): Lazy<unknown>[] {
  const parts: Lazy<unknown>[] = [];
  if (thread.can.reply) parts.push(threadParts.replyForm);
  if (thread.can.moderate && staffTools) parts.push(threadParts.staffMenu);
  if (thread.can.answerResolution) parts.push(threadParts.resolutionPrompt);
  if (editId !== null && posts.some((p) => p.id === editId && p.can.edit)) parts.push(threadParts.postEditForm);
  if (posts.some((p) => p.kind === 'post' && (p.can.flag || p.can.hide))) parts.push(threadParts.postModeration);
  // A post's action bar (Post.svelte): like, accept, edit, delete, and for staff the menu to promote it.
  const actionable = (p: ThreadView['posts'][number]) =>
    p.kind === 'post' && !p.deleted && !p.hidden && (p.can.like || p.can.accept || p.can.edit || p.can.delete);
  if (posts.some(actionable) || (thread.can.moderate && !thread.issue && posts.some((p) => p.kind === 'post')))
    parts.push(threadParts.postActions);
  return parts;
}
