import type { Role, ThreadKind } from '$lib/types';
import { isStaffRole } from '@kakera/contracts/roles';
import { m } from '$lib/paraglide/messages.js';
import type { Locale } from '$lib/paraglide/runtime.js';

export function kindLabel(kind: ThreadKind): string {
  switch (kind) {
    case 'question':
      return m.kind_question();
    case 'bug':
      return m.kind_bug();
    case 'suggestion':
      return m.kind_suggestion();
    default:
      return m.kind_discussion();
  }
}

export function roleLabel(role: Role): string {
  switch (role) {
    case 'staff':
      return m.role_staff();
    case 'executive':
      return m.role_executive();
    case 'admin':
      return m.role_admin();
    default:
      return m.role_fan();
  }
}

const LEVEL_TITLES = [m.level_1, m.level_2, m.level_3, m.level_4, m.level_5, m.level_6, m.level_7, m.level_8];

export function levelTitle(level: number): string {
  const i = Math.min(Math.max(Math.trunc(level), 1), LEVEL_TITLES.length) - 1;
  return (LEVEL_TITLES[i] ?? m.level_1)();
}

/** The badge beside a name: "Staff" with their team for staff roles (as they were when posting), else the fan's level title. */
export function userBadge(role: Role, level: number, team: string | null = null): { text: string; staff: boolean } {
  if (!isStaffRole(role)) return { text: levelTitle(level), staff: false };
  return { text: team ? m.badge_staff_team({ team }) : m.badge_staff(), staff: true };
}

/** Each language's name in its own language (the switcher shows them so). */
export function localeName(locale: Locale): string {
  if (locale === 'ja') return m.locale_name_ja();
  if (locale === 'zh-CN') return m.locale_name_zh_cn();
  return m.locale_name_en();
}

const STATUS_LABELS: Record<string, () => string> = {
  new: m.issue_status_new,
  triaged: m.issue_status_triaged,
  planned: m.issue_status_planned,
  in_progress: m.issue_status_in_progress,
  fixed: m.issue_status_fixed,
  released: m.issue_status_released,
  wont_fix: m.issue_status_wont_fix,
  duplicate: m.issue_status_duplicate,
  cannot_reproduce: m.issue_status_cannot_reproduce,
};

/** An issue's status in the reader's language (an unknown one as it came). */
export function issueStatusLabel(status: string): string {
  return STATUS_LABELS[status]?.() ?? status;
}
