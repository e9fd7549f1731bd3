import type { Post, Thread } from '@kakera/contracts';
import { isStaffRole } from '$lib/roles';
import { announcer } from '$lib/announcer.svelte';
import { isEvent, live } from '$lib/live.svelte';
import { m } from '$lib/paraglide/messages.js';

interface ThreadData {
  thread: Thread;
  posts: Post[];
  nextCursor: string | null;
}

/**
 * The thread and its posts as the server rendered them, patched live from
 * `thread:<id>`: new replies are appended (on the last page) and announced,
 * like counts, the accepted answer and the staff-response state follow.
 * New server data (after an action or a navigation) replaces the patches.
 */
export function liveThread(getData: () => ThreadData) {
  let thread = $derived(getData().thread);
  let posts = $derived(getData().posts);

  $effect(() => {
    const id = getData().thread.id;
    return live.subscribe(`thread:${id}`, (ev) => {
      if (isEvent(ev, 'post.created')) {
        if (ev.data.threadId !== id) return;
        const post = ev.data.post;
        if (posts.some((p) => p.id === post.id)) return;
        if (getData().nextCursor === null) posts = [...posts, post];
        thread = { ...thread, replyCount: thread.replyCount + 1, lastActivityAt: post.createdAt };
        const ob = thread.obligation;
        if (ob && isStaffRole(post.authorRoleAtPost) && post.kind === 'post' && ['open', 'warned', 'breached'].includes(ob.state)) {
          thread = { ...thread, obligation: { ...ob, state: 'met', respondedAt: post.createdAt } };
        }
        announcer.announce(
          isStaffRole(post.authorRoleAtPost)
            ? m.live_new_staff_reply({ name: post.author.name })
            : m.live_new_reply({ name: post.author.name }),
        );
      } else if (isEvent(ev, 'post.liked')) {
        const { postId, likeCount } = ev.data;
        posts = posts.map((p) => (p.id === postId ? { ...p, likeCount } : p));
      } else if (isEvent(ev, 'thread.solved')) {
        const { solved, acceptedPostId } = ev.data;
        thread = { ...thread, solved, acceptedPostId };
        posts = posts.map((p) => ({ ...p, accepted: p.id === acceptedPostId }));
      } else if (isEvent(ev, 'obligation.met')) {
        const ob = thread.obligation;
        if (ob && ob.id === ev.data.obligationId)
          thread = { ...thread, obligation: { ...ob, state: 'met', respondedAt: ev.data.respondedAt } };
      } else if (isEvent(ev, 'obligation.opened')) {
        thread = {
          ...thread,
          obligation: {
            id: ev.data.obligationId,
            state: 'open',
            openedAt: ev.data.openedAt,
            dueAt: ev.data.dueAt,
            respondedAt: null,
            targetSeconds: thread.category.slaTargetSeconds,
          },
        };
      } else if (isEvent(ev, 'obligation.warned') || isEvent(ev, 'obligation.breached')) {
        const ob = thread.obligation;
        if (ob && ob.id === ev.data.obligationId)
          thread = { ...thread, obligation: { ...ob, state: ev.type === 'obligation.warned' ? 'warned' : 'breached' } };
      }
    });
  });

  return {
    get thread() {
      return thread;
    },
    get posts() {
      return posts;
    },
  };
}
