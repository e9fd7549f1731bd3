import type { EventPayload, Post, ThreadFacts } from '@kakera/contracts';
import { isStaff, type Actor } from '../shared/actor.ts';
import type { PublishedEvent } from '../events/event-publisher.ts';
import { postCan } from '../forum/post-policy.ts';
import { threadCan } from '../forum/thread-policy.ts';

/**
 * Some events carry what the receiver may do (`can`), which differs from
 * one receiver to the next: a new post may be edited by its author and by
 * staff, and a staff reply lets the thread's author answer "did this solve
 * your problem?". The hub words such events for each receiver here, from
 * the public facts the event carries, by the same policies as REST.
 */

/**
 * Receivers with the same key get the same words, so the hub serialises an
 * event once per key rather than once per socket. `null`: the same for all.
 */
export function wordingKey(actor: Actor, event: PublishedEvent): string | null {
  if (event.type !== 'post.created') return null;
  if (actor.kind !== 'user') return 'guest';
  const { post, thread } = event.data as EventPayload<'post.created'>;
  return [
    actor.suspended ? 's' : 'a',
    isStaff(actor) ? 'staff' : 'fan',
    actor.id === post.author.id ? 'author' : '',
    actor.id === thread.authorId ? 'op' : '',
  ].join(':');
}

/** The event as `actor` should receive it. */
export function wordEventFor(actor: Actor, event: PublishedEvent): PublishedEvent {
  if (event.type !== 'post.created') return event;
  const data = event.data as EventPayload<'post.created'>;
  return { ...event, data: { ...data, post: wordPost(actor, data.post, data.thread), threadCan: threadCan(actor, data.thread) } };
}

function wordPost(actor: Actor, post: Post, thread: ThreadFacts): Post {
  const facts = { authorId: post.author.id, kind: post.kind, position: post.position, deleted: post.deleted, hidden: post.hidden };
  return { ...post, can: postCan(actor, facts, thread) };
}
