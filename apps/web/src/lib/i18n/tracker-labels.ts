import type { IssueDetail } from '$lib/types';
import { m } from '$lib/paraglide/messages.js';
import { issueStatusLabel } from './labels';

/*
 * The tracker's words: issue types, severities, priorities, the fields of an
 * issue and its history, in the reader's language. The codes come from the
 * API (packages/contracts/src/issues.ts); an unknown one is shown as it came.
 */

const TYPE_LABELS: Record<string, () => string> = {
  bug: m.issue_type_bug,
  feature: m.issue_type_feature,
  feedback: m.issue_type_feedback,
};
export const issueTypeLabel = (type: string): string => TYPE_LABELS[type]?.() ?? type;

const SEVERITY_LABELS: Record<string, () => string> = {
  S1: m.issue_severity_s1,
  S2: m.issue_severity_s2,
  S3: m.issue_severity_s3,
  S4: m.issue_severity_s4,
};
/** "S1 · Critical": the code stays (engineers speak in codes), with its meaning. */
export const severityLabel = (s: string): string => SEVERITY_LABELS[s]?.() ?? s;

const PRIORITY_LABELS: Record<string, () => string> = {
  P0: m.issue_priority_p0,
  P1: m.issue_priority_p1,
  P2: m.issue_priority_p2,
  P3: m.issue_priority_p3,
};
export const priorityLabel = (p: string): string => PRIORITY_LABELS[p]?.() ?? p;

const FIELD_LABELS: Record<string, () => string> = {
  title: m.issue_field_title,
  type: m.issue_field_type,
  status: m.issue_field_status,
  severity: m.issue_field_severity,
  priority: m.issue_field_priority,
  component: m.issue_field_component,
  assignee: m.issue_field_assignee,
  labels: m.issue_field_labels,
  affectedVersion: m.issue_field_affected_version,
  fixedInVersion: m.issue_field_fixed_in_version,
  description: m.issue_field_description,
};
/** The name of an issue's field (`affectedVersion` → "Affected version"). */
export const issueFieldLabel = (field: string): string => FIELD_LABELS[field]?.() ?? field;

export type IssueChange = IssueDetail['history'][number];

/** A value of `field` as the history stores it (codes, ids as text), in words. */
function valueText(field: string, value: string, names: ReadonlyMap<number, string>): string {
  switch (field) {
    case 'status':
      return issueStatusLabel(value);
    case 'type':
      return issueTypeLabel(value);
    case 'severity':
      return severityLabel(value);
    case 'priority':
      return priorityLabel(value);
    case 'assignee':
      return names.get(Number(value)) ?? m.issue_someone({ id: value });
    default:
      return value;
  }
}

/** `thread:42` (what `created` and `linked` point at) → 42, else null. */
export function threadIdOf(value: string | null): number | null {
  const match = /^thread:(\d+)$/.exec(value ?? '');
  return match ? Number(match[1]) : null;
}

/**
 * One history entry as a sentence: who did what, from what to what.
 * `names` holds the people an assignee change names (ids → names);
 * `threadTitle` the titles of linked threads the reader may see.
 */
export function historyText(
  change: IssueChange,
  names: ReadonlyMap<number, string> = new Map(),
  threadTitle: (id: number) => string | undefined = () => undefined,
): string {
  const name = change.actor?.name ?? m.issue_history_system();
  const { field, from, to } = change;
  switch (field) {
    case 'created':
      return m.issue_history_created({ name });
    case 'linked': {
      const id = threadIdOf(to);
      const title = (id !== null && threadTitle(id)) || m.issue_history_thread({ id: String(id ?? to ?? '') });
      return m.issue_history_linked({ name, title });
    }
    case 'merged_into':
      return m.issue_history_merged_into({ name, key: to ?? '' });
    case 'merged_from':
      return m.issue_history_merged_from({ name, key: to ?? '' });
    case 'votes_moved':
    case 'vote_moved':
      return m.issue_history_votes_moved({ name, count: Number(to ?? 0) });
    case 'description':
      return m.issue_history_description({ name });
    default: {
      const label = issueFieldLabel(field);
      if (from === null && to !== null) return m.issue_history_set({ name, field: label, to: valueText(field, to, names) });
      if (to === null && from !== null) return m.issue_history_cleared({ name, field: label, from: valueText(field, from, names) });
      return m.issue_history_changed({
        name,
        field: label,
        from: valueText(field, from ?? '', names),
        to: valueText(field, to ?? '', names),
      });
    }
  }
}
