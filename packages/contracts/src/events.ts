import { z } from 'zod';
import { IssueStatus } from './issues.ts';
import { Notification } from './notifications.ts';
import { Post, ThreadCan, ThreadFacts, ThreadSummary } from './threads.ts';

/**
 * Real-time events: what the server publishes and the WebSocket delivers.
 * Names are noun.verb. `data` per event is typed here once, for the API,
 * the hub and the browser.
 */
export const EventData = {
  /**
   * `post.can` and `threadCan` are worded for each receiver as it is
   * delivered (a staff reply lets the thread's author answer the resolution
   * prompt); `thread` holds the public facts they are decided from.
   */
  'post.created': z.object({
    threadId: z.number().int(),
    categoryId: z.number().int(),
    post: Post,
    thread: ThreadFacts,
    threadCan: ThreadCan,
  }),
  'post.updated': z.object({ threadId: z.number().int(), postId: z.number().int() }),
  'post.liked': z.object({ threadId: z.number().int(), postId: z.number().int(), likeCount: z.number().int() }),
  'thread.created': z.object({ categoryId: z.number().int(), thread: ThreadSummary }),
  'thread.solved': z.object({ threadId: z.number().int(), acceptedPostId: z.number().int().nullable(), solved: z.boolean() }),
  /** Staff hid (or unhid) a thread: readers who may no longer see it lose its topic, lists drop it. */
  'thread.hidden': z.object({ threadId: z.number().int(), categoryId: z.number().int(), hidden: z.boolean() }),
  /** Staff locked, pinned or moved a thread (on its topic, and its old and new board's). */
  'thread.changed': z.object({
    threadId: z.number().int(),
    categoryId: z.number().int(),
    fromCategoryId: z.number().int().nullable(),
    locked: z.boolean(),
    pinned: z.boolean(),
  }),
  /** On `staff-queue`, and on the thread's topic so that its readers see the wait begin. */
  'obligation.opened': z.object({
    obligationId: z.number().int(),
    threadId: z.number().int(),
    categoryId: z.number().int(),
    openedAt: z.string(),
    warnAt: z.string(),
    dueAt: z.string(),
    targetSeconds: z.number().int(),
  }),
  'obligation.warned': z.object({
    obligationId: z.number().int(),
    threadId: z.number().int(),
    categoryId: z.number().int(),
    dueAt: z.string(),
  }),
  'obligation.breached': z.object({
    obligationId: z.number().int(),
    threadId: z.number().int(),
    categoryId: z.number().int(),
    dueAt: z.string(),
  }),
  'obligation.met': z.object({
    obligationId: z.number().int(),
    threadId: z.number().int(),
    categoryId: z.number().int(),
    respondedAt: z.string(),
    responderId: z.number().int(),
  }),
  'obligation.closed': z.object({
    obligationId: z.number().int(),
    threadId: z.number().int(),
    categoryId: z.number().int(),
    state: z.string(),
  }),
  'obligation.claimed': z.object({ obligationId: z.number().int(), threadId: z.number().int(), claimedBy: z.number().int().nullable() }),
  /** An issue's fields changed (status, severity, …), or it was created, linked or merged: readers reload it. */
  'issue.changed': z.object({ key: z.string(), status: IssueStatus, voteCount: z.number().int(), threadId: z.number().int().nullable() }),
  'vote.changed': z.object({ key: z.string(), voteCount: z.number().int() }),
  /** Staff only: an internal note was added. */
  'issue.noted': z.object({ key: z.string(), noteId: z.number().int() }),
  /** To its recipient only: an escalation arrived or was acknowledged (the header's count). */
  'escalation.changed': z.object({ id: z.number().int(), openCount: z.number().int() }),
  /** Internal (topic `users`, which no client can subscribe to): what a session may do has changed. */
  'user.changed': z.object({ userId: z.number().int() }),
  /** Staff only (on `staff-queue`): a post was flagged, or its flags were resolved or dismissed (the flag queue reloads). */
  'flag.changed': z.object({ flagId: z.number().int(), postId: z.number().int(), status: z.enum(['open', 'resolved', 'dismissed']) }),
  /** To its recipient only. */
  'notification.created': z.object({ notification: Notification, unreadCount: z.number().int() }),
} as const;
export type EventType = keyof typeof EventData;
export type EventPayload<T extends EventType> = z.infer<(typeof EventData)[T]>;

/** Topics a client may subscribe to. `staff-queue` is for staff only; `notifications` is the caller's own. */
export const Topic = z.union([
  z.string().regex(/^thread:\d{1,10}$/),
  z.string().regex(/^category:\d{1,10}$/),
  /** One issue (its page), and `issues`: every issue list (triage, roadmap). */
  z.string().regex(/^issue:[A-Z][A-Z0-9]{1,9}-[1-9]\d{0,8}$/),
  z.literal('issues'),
  z.literal('staff-queue'),
  z.literal('notifications'),
]);
export type Topic = z.infer<typeof Topic>;

/** GET /api/live: the id of the newest event delivered so far; read it before a page's data, subscribe with it. */
export const LivePosition = z.object({ since: z.number().int().min(0) });
export type LivePosition = z.infer<typeof LivePosition>;

export const ClientMessage = z.discriminatedUnion('type', [
  /**
   * `since`: the live position the page's data was read at (GET
   * /api/live): the server first sends the topic's events after it, so what
   * happened between reading the page and subscribing is not missed.
   */
  z.object({ type: z.literal('subscribe'), topic: Topic, since: z.number().int().min(0).optional() }),
  z.object({ type: z.literal('unsubscribe'), topic: Topic }),
  z.object({ type: z.literal('resume'), since: z.number().int().min(0) }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** What the server sends for each event. `id` increases; pass the last one seen to `resume`. */
export type ServerEvent<T extends EventType = EventType> = { type: T; id: number; topic: string; data: EventPayload<T> };
/**
 * Error frames name a code: `invalid_input`, `forbidden`, `rate_limited`
 * (too many messages: slow down; a socket that keeps on is closed with 1008),
 * `too_many_subscriptions`, `database_unavailable` (try again shortly),
 * `internal`. `topic` is set when the error concerns one.
 */
export type WsErrorCode = 'invalid_input' | 'forbidden' | 'rate_limited' | 'too_many_subscriptions' | 'database_unavailable' | 'internal';
export type ServerControl =
  | { type: 'subscribed'; topic: string }
  /** `reason` when the server ended the subscription itself (`hidden`: the thread is no longer visible to you). */
  | { type: 'unsubscribed'; topic: string; reason?: 'hidden' }
  | { type: 'error'; code: WsErrorCode; message: string; topic?: string }
  | { type: 'pong' }
  /**
   * The end of a replay. `reload: true` when the client is too far behind to
   * catch up by replay (or its events were pruned): it should load its pages afresh.
   */
  | { type: 'resumed'; since: number; count: number; reload?: boolean }
  | { type: 'reconnect'; afterMs: number };
