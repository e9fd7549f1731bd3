import type { IssueChange, IssueNote } from '@kakera/contracts';
import { isSolved, loadVisibleThread } from '../forum/get-thread.ts';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { findUserRefs } from '../users/find-user-refs.ts';
import { canReadNotes } from './issue-policy.ts';
import { toIssue } from './issue-view.ts';
import { findChanges, findIssueByKey, findLinks, findNotes, type IssueRow } from './issues.repo.ts';

export async function getIssueRow(deps: Pick<Deps, 'db'>, key: string): Promise<IssueRow> {
  const row = await findIssueByKey(deps.db, key);
  if (!row) throw notFound('Issue');
  return row;
}

/**
 * An issue with its history, the threads linked to it (those the reader may
 * see) and, for staff only, its internal notes.
 */
export async function getIssue(deps: Deps, actor: Actor, key: string) {
  const row = await getIssueRow(deps, key);
  const now = deps.clock.now();
  const staff = canReadNotes(actor);
  const [issue, changes, links, notes] = await Promise.all([
    toIssue(deps.db, row, actor, now),
    findChanges(deps.db, row.id),
    findLinks(deps.db, row.id),
    staff ? findNotes(deps.db, row.id) : Promise.resolve([]),
  ]);
  const people = await findUserRefs(deps.db, [...changes.map((c) => c.actorId), ...notes.map((n) => n.authorId)]);
  const threads = [];
  for (const link of links) {
    const thread = await loadVisibleThread(deps.db, actor, link.threadId).catch(() => null);
    if (!thread) continue;
    threads.push({
      id: thread.id,
      title: thread.title,
      postId: link.postId,
      source: link.source,
      solved: isSolved(thread),
      linkedAt: link.linkedAt.toISOString(),
    });
  }
  const history: IssueChange[] = changes.map((c) => ({
    id: c.id,
    actor: (c.actorId !== null ? people.get(c.actorId) : null) ?? null,
    at: c.at.toISOString(),
    field: c.field,
    from: c.fromValue,
    to: c.toValue,
  }));
  const visibleNotes: IssueNote[] = notes.map((n) => ({
    id: n.id,
    author: people.get(n.authorId)!,
    body: n.body,
    html: n.html,
    createdAt: n.createdAt.toISOString(),
  }));
  return { issue: { ...issue, linkedThreadIds: threads.map((t) => t.id) }, history, threads, notes: visibleNotes };
}
