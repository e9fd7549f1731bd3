import type { Notification } from '$lib/types';
import { m } from '$lib/paraglide/messages.js';
import { issueStatusLabel, levelTitle } from './labels';

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

const BADGES: Record<string, () => string> = {
  first_post: m.notification_badge_first_post,
  first_accepted_answer: m.notification_badge_first_accepted_answer,
  bug_hunter: m.notification_badge_bug_hunter,
  adopted: m.notification_badge_adopted,
};

/** A badge's name in the reader's language (an unknown one as it came). */
const badgeName = (badge: string): string => (Object.hasOwn(BADGES, badge) ? BADGES[badge]!() : badge);

/**
 * Where a notification leads: its `url` when it is a path of this site
 * (`/t/…`, `/issues/…`, `/u/…`), nothing otherwise.
 */
export function notificationHref(n: Pick<Notification, 'url'>): string | null {
  const url = n.url;
  return url && url.startsWith('/') && !url.startsWith('//') && !url.includes('\\') ? url : null;
}

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
    case 'rank.level_up':
      return m.notification_rank_level_up({ level: str(d.level), title: levelTitle(Number(d.level) || 1) });
    case 'rank.badge':
      return m.notification_rank_badge({ badge: badgeName(str(d.badge)) });
    default:
      return m.notification_generic();
  }
}
