import type { Notification } from '$lib/types';
import { m } from '$lib/paraglide/messages.js';
import { issueStatusLabel } from './labels';

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** A stored notification in the reader's language: the API sends what happened (`kind`) and its parts (`data`). */
export function notificationText(n: Pick<Notification, 'kind' | 'data'>): string {
  const d = n.data;
  switch (n.kind) {
    case 'issue.status_changed':
      return m.notification_issue_status_changed({ key: str(d.key), title: str(d.title), status: issueStatusLabel(str(d.to)) });
    case 'issue.adopted':
      return m.notification_issue_adopted({ key: str(d.key), points: str(d.points) });
    case 'thread.replied':
      return m.notification_thread_replied({ name: str(d.name), title: str(d.title) });
    case 'thread.staff_answered':
      return m.notification_thread_staff_answered({ title: str(d.title) });
    case 'answer.accepted':
      return m.notification_answer_accepted({ title: str(d.title) });
    case 'mention':
      return m.notification_mention({ name: str(d.name), title: str(d.title) });
    case 'escalation.received':
      return m.notification_escalation_received({ name: str(d.from), note: str(d.note) });
    default:
      return m.notification_generic();
  }
}
