import type { Actor } from '../shared/actor.ts';
import { isStaff } from '../shared/actor.ts';
import { AppError } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { loadVisibleThread } from '../forum/get-thread.ts';

/**
 * Who may follow a topic over the WebSocket, and who may receive an event:
 * the same rights as reading over REST. Decided here once; the hub asks.
 */

/** The key a topic's events are kept under for this actor: `notifications` is the actor's own `user:<id>`. */
export function topicKey(actor: Actor, topic: string): string {
  return topic === 'notifications' && actor.kind === 'user' ? `user:${actor.id}` : topic;
}

/** The thread a `thread:<id>` topic names, else null. */
export function topicThreadId(topic: string): number | null {
  return topic.startsWith('thread:') ? Number(topic.slice(7)) : null;
}

export type TopicDecision = { ok: true; key: string } | { ok: false; message: string };

/**
 * May `actor` subscribe to `topic` now? A thread's topic is allowed to those
 * who may read the thread (a hidden one is staff-only). Database failures
 * are thrown, not answered as "no".
 */
export async function authorizeTopic(deps: Pick<Deps, 'db'>, actor: Actor, topic: string): Promise<TopicDecision> {
  if (topic === 'staff-queue' && !isStaff(actor)) return { ok: false, message: 'Staff only' };
  if (topic === 'notifications' && actor.kind !== 'user') return { ok: false, message: 'Sign in to receive notifications' };
  const threadId = topicThreadId(topic);
  if (threadId !== null) {
    try {
      await loadVisibleThread(deps.db, actor, threadId);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return { ok: false, message: 'No such thread' };
      throw e;
    }
  }
  return { ok: true, key: topicKey(actor, topic) };
}

/** What an event says about its audience (see `EventPublisher.record`). */
export interface EventAudience {
  topic: string;
  /** Only this user (their notifications). */
  userId: number | null;
  /** Only staff (anything about a hidden thread, internal notes). */
  staffOnly: boolean;
}

/** May `actor` receive this event, by what the event itself says? (Replays also check the current state: `filterReplay`.) */
export function mayReceive(actor: Actor, event: EventAudience): boolean {
  if (event.userId !== null) return actor.kind === 'user' && actor.id === event.userId;
  if (event.staffOnly || event.topic === 'staff-queue') return isStaff(actor);
  return true;
}

/**
 * When staff hide a thread, who keeps its topic: staff only. Subscribers
 * who may no longer read it are dropped.
 */
export function keepsHiddenThread(actor: Actor): boolean {
  return isStaff(actor);
}
