import type { Post } from '@kakera/contracts';
import type { Actor } from '../shared/actor.ts';
import { isStaff } from '../shared/actor.ts';
import type { Deps } from '../shared/deps.ts';
import type { PublishedEvent } from '../events/event-publisher.ts';
import { findUnreadable } from '../forum/find-unreadable.ts';
import { mayReceive } from './topic-access.ts';

/** The thread and post an event is about, from its payload. */
function refs(e: PublishedEvent): { threadId: number | null; postId: number | null } {
  const d = (e.data ?? {}) as { threadId?: unknown; postId?: unknown; thread?: { id?: unknown }; post?: { id?: unknown } };
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return { threadId: num(d.threadId) ?? num(d.thread?.id), postId: num(d.postId) ?? num(d.post?.id) };
}

/**
 * Events from the table, as `actor` may see them now, not as they were when
 * recorded: a replay must not bring back what REST hides today. For readers
 * who are not staff, everything about a thread that has since been hidden is
 * left out, and a post created then deleted or hidden is replayed without its
 * words (as REST shows it: in its place, marked, empty).
 */
export async function filterReplay(deps: Pick<Deps, 'db'>, actor: Actor, events: PublishedEvent[]): Promise<PublishedEvent[]> {
  const allowed = events.filter((e) => mayReceive(actor, e));
  if (isStaff(actor) || !allowed.length) return allowed;
  const threadIds = new Set<number>();
  const postIds = new Set<number>();
  for (const e of allowed) {
    const r = refs(e);
    if (r.threadId !== null) threadIds.add(r.threadId);
    if (e.type === 'post.created' && r.postId !== null) postIds.add(r.postId);
  }
  const unreadable = await findUnreadable(deps.db, [...threadIds], [...postIds]);
  const out: PublishedEvent[] = [];
  for (const e of allowed) {
    const r = refs(e);
    if (r.threadId !== null && unreadable.threads.has(r.threadId)) continue;
    const gone = e.type === 'post.created' && r.postId !== null ? unreadable.posts.get(r.postId) : undefined;
    if (gone) {
      const data = e.data as { post: Post };
      out.push({ ...e, data: { ...data, post: { ...data.post, body: '', html: '', deleted: gone.deleted, hidden: gone.hidden } } });
    } else {
      out.push(e);
    }
  }
  return out;
}
