import { untrack } from 'svelte';
import { invalidate } from '$app/navigation';
import { isStaffRole } from '@kakera/contracts/roles';
import type { Post, Thread } from '$lib/types';
import { announcer } from '$lib/announcer.svelte';
import { isEvent, live } from '$lib/live.svelte';
import { m } from '$lib/paraglide/messages.js';
import { pageOfPosition } from '$lib/pager';
import { issueStatusLabel } from '$lib/i18n/labels';

interface ThreadData {
  thread: Thread;
  posts: Post[];
  /** The page shown, the thread's page count and the API's page size (posts are paged by their number). */
  page: number;
  pageCount: number;
  perPage: number;
  /** The live position the data was read at (GET /api/live): the subscription first gets what the thread saw since. */
  liveSince?: number;
  /** The post being edited on this page (?edit=), if any. */
  editId?: number | null;
}

/**
 * The thread and its posts as the server rendered them, patched live from
 * `thread:<id>`: a new reply is appended when its number falls on the page
 * shown (the last one); one that falls on a later page grows the page count
 * and leaves a notice with a link to it (`newer`), so the list under the
 * reader never changes page. Either way it is announced. Like counts, the
 * accepted answer, the staff-response state and the issue badge (its status
 * and votes, `issue.changed` / `vote.changed`) follow; an edited or deleted
 * post, or an issue newly linked, re-runs the page's load (`app:thread`).
 * New server data (after an action or a navigation) replaces the patches.
 *
 * Nothing here decides a permission or a due time: a live post comes with
 * what this reader may do with it (`post.can`) and in the thread
 * (`threadCan`: a staff reply lets the author answer the resolution prompt),
 * and the wait for staff follows the server's `obligation.*` events.
 */
export function liveThread(getData: () => ThreadData) {
  let thread = $derived(getData().thread);
  let posts = $derived(getData().posts);
  let pageCount = $derived(getData().pageCount);
  /** The newest reply that arrived on a later page than the one shown. */
  let newer = $state<{ page: number; postId: number } | null>(null);
  $effect.pre(() => {
    // New server data (navigation, invalidation) shows the thread as it is now.
    void getData().posts;
    newer = null;
  });

  $effect(() => {
    const id = getData().thread.id;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping inside one subscription, never rendered
    const heard = new Set<number>();
    let reload: ReturnType<typeof setTimeout> | null = null;
    // What happened between reading this page and subscribing is sent first.
    const since = untrack(() => getData().liveSince);
    const stop = live.subscribe(
      `thread:${id}`,
      (ev) => {
        if (isEvent(ev, 'thread.hidden')) {
          // Hidden or shown again: reload, and a reader who may no longer see it gets the not-found page.
          void invalidate('app:thread');
        } else if (isEvent(ev, 'post.updated')) {
          // An edit or a deletion: the server words it (body HTML, "deleted",
          // what staff may still see), so load the page's data again, once for
          // a burst of events, and only when the post is on this page.
          // Not while the reader edits a post here: a reload would reset the text box.
          if (ev.data.threadId !== id || getData().editId || !posts.some((p) => p.id === ev.data.postId)) return;
          reload ??= setTimeout(() => {
            reload = null;
            void invalidate('app:thread');
          }, 100);
        } else if (isEvent(ev, 'post.created')) {
          if (ev.data.threadId !== id) return;
          // An event recorded before posts had attachments (replayed on resume) has none.
          const post = { ...ev.data.post, attachments: (ev.data.post.attachments as typeof ev.data.post.attachments | undefined) ?? [] };
          // Once per post, also for one that is not on this page (a resume may replay it).
          if (posts.some((p) => p.id === post.id) || heard.has(post.id)) return;
          heard.add(post.id);
          const d = getData();
          const onPage = pageOfPosition(post.position, d.perPage);
          // Kept in number order: two replies' events may arrive in either order.
          if (onPage === d.page) posts = [...posts, post].sort((a, b) => a.position - b.position);
          else if (onPage > d.page) {
            pageCount = Math.max(pageCount, onPage);
            newer = { page: onPage, postId: post.id };
          }
          thread = { ...thread, replyCount: thread.replyCount + 1, lastActivityAt: post.createdAt, can: ev.data.threadCan };
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
          if (ev.data.threadId !== id) return;
          const { obligationId, openedAt, warnAt, dueAt, targetSeconds } = ev.data;
          thread = {
            ...thread,
            obligation: { id: obligationId, state: 'open', openedAt, warnAt, dueAt, respondedAt: null, targetSeconds },
          };
        } else if (isEvent(ev, 'obligation.closed')) {
          // Closed without an answer (staff: no response needed; or cancelled): the waiting notice goes.
          const ob = thread.obligation;
          const state = ev.data.state === 'cancelled' ? 'cancelled' : 'no_response_needed';
          if (ob && ob.id === ev.data.obligationId) thread = { ...thread, obligation: { ...ob, state } };
        } else if (isEvent(ev, 'issue.changed')) {
          // Promoted, linked, triaged or merged: a badge already shown follows the
          // status and count at once; a new or another issue (a promotion, a merge)
          // is loaded, so that its title and whether this reader may vote come from the server.
          if (ev.data.threadId !== null && ev.data.threadId !== id) return;
          const badge = thread.issue;
          if (badge && badge.key === ev.data.key) {
            if (badge.status !== ev.data.status)
              announcer.announce(m.live_issue_status({ key: badge.key, status: issueStatusLabel(ev.data.status) }));
            thread = { ...thread, issue: { ...badge, status: ev.data.status, voteCount: ev.data.voteCount } };
          } else {
            announcer.announce(m.live_issue_linked({ key: ev.data.key }));
            void invalidate('app:thread');
          }
        } else if (isEvent(ev, 'vote.changed')) {
          const badge = thread.issue;
          if (badge && badge.key === ev.data.key) thread = { ...thread, issue: { ...badge, voteCount: ev.data.voteCount } };
        }
        // The sweeper's warnings and breaches go to staff only: ObligationNotice moves the state with the clock.
      },
      { since },
    );
    return () => {
      if (reload) clearTimeout(reload);
      stop();
    };
  });

  return {
    get thread() {
      return thread;
    },
    get posts() {
      return posts;
    },
    get pageCount() {
      return pageCount;
    },
    get newer() {
      return newer;
    },
  };
}
