import type { IssueNote } from '@kakera/contracts';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import { requireStaff, type Actor } from '../shared/actor.ts';
import { forbidden } from '../shared/app-error.ts';
import type { Deps } from '../shared/deps.ts';
import { findUserRefs } from '../users/find-user-refs.ts';
import { getIssueRow } from './get-issue.ts';
import { canWriteNotes } from './issue-policy.ts';
import { insertNote } from './issues.repo.ts';

/** An internal note on an issue: staff only, never shown to fans (REST, pages and sockets alike). */
export async function addIssueNote(deps: Deps, actor: Actor, key: string, body: string): Promise<IssueNote> {
  const user = requireStaff(actor);
  if (!canWriteNotes(actor)) throw forbidden();
  const issue = await getIssueRow(deps, key);
  const now = deps.clock.now();
  const note = await deps.db.transaction(async (tx) => {
    const row = await insertNote(tx, { issueId: issue.id, authorId: user.id, body, html: renderMarkdown(body), createdAt: now });
    await deps.events.record(tx, 'issue.noted', `issue:${issue.key}`, { key: issue.key, noteId: row.id }, { staffOnly: true });
    return row;
  });
  const author = (await findUserRefs(deps.db, [user.id])).get(user.id)!;
  return { id: note.id, author, body: note.body, html: note.html, createdAt: note.createdAt.toISOString() };
}
