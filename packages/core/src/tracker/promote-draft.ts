import type { IssueType, ThreadKind } from '@kakera/contracts';
import type { DbOrTx } from '@kakera/db';
import { findCategoryRow } from '../categories/find-categories.ts';
import { findPostRow } from '../forum/get-thread.ts';
import type { ThreadRow } from '../forum/get-thread.ts';

const TYPE_OF_KIND: Record<ThreadKind, IssueType> = { bug: 'bug', suggestion: 'feature', question: 'feedback', discussion: 'feedback' };

const REPORT_LABELS: [string, string][] = [
  ['device', 'Device'],
  ['softwareVersion', 'Software version'],
  ['stepsToReproduce', 'Steps to reproduce'],
  ['expected', 'Expected'],
  ['actual', 'Actual'],
];

export interface PromoteDraft {
  title: string;
  type: IssueType;
  component: string | null;
  affectedVersion: string | null;
  description: string;
  /** Whose report it is: the thread's author, or the promoted post's. */
  reporterId: number;
}

/**
 * An issue as the thread (or one post of it) would make it: its title, a
 * type from its kind, the board's default component, the reported version,
 * and a description of the post, the report fields and a link back.
 */
export async function promoteDraft(db: DbOrTx, thread: ThreadRow, postId: number | null): Promise<PromoteDraft> {
  const [category, post] = await Promise.all([findCategoryRow(db, thread.categoryId), findPostRow(db, thread.id, postId)]);
  const report = (thread.report ?? {}) as Record<string, string>;
  const lines = [post?.body ?? ''];
  const fields = REPORT_LABELS.filter(([k]) => report[k]).map(([k, label]) => `**${label}:** ${report[k]}`);
  if (fields.length && !postId) lines.push('', ...fields);
  lines.push(
    '',
    `From the forum: [${thread.title.replace(/[[\]]/g, '')}](/t/${thread.id}${postId ? `?post=${postId}#post-${postId}` : ''})`,
  );
  return {
    title: thread.title,
    type: TYPE_OF_KIND[thread.kind],
    component: category?.defaultComponent ?? null,
    affectedVersion: report.softwareVersion ?? null,
    description: lines.join('\n').trim(),
    reporterId: post?.authorId ?? thread.authorId,
  };
}
