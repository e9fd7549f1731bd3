import { m } from '$lib/paraglide/messages.js';

/** The actions the audit page names in words (and offers as a filter); any other shows its code. */
export const AUDIT_ACTIONS: Record<string, () => string> = {
  'thread.locked': () => m.audit_action_thread_locked(),
  'thread.unlocked': () => m.audit_action_thread_unlocked(),
  'thread.pinned': () => m.audit_action_thread_pinned(),
  'thread.unpinned': () => m.audit_action_thread_unpinned(),
  'thread.moved': () => m.audit_action_thread_moved(),
  'thread.hidden': () => m.audit_action_thread_hidden(),
  'thread.unhidden': () => m.audit_action_thread_unhidden(),
  'post.hidden': () => m.audit_action_post_hidden(),
  'post.unhidden': () => m.audit_action_post_unhidden(),
  'post.edited': () => m.audit_action_post_edited(),
  'post.deleted': () => m.audit_action_post_deleted(),
  'flag.resolved': () => m.audit_action_flag_resolved(),
  'flag.dismissed': () => m.audit_action_flag_dismissed(),
  'user.suspended': () => m.audit_action_user_suspended(),
  'user.unsuspended': () => m.audit_action_user_unsuspended(),
  'user.updated': () => m.audit_action_user_updated(),
};

export const actionLabel = (action: string): string => AUDIT_ACTIONS[action]?.() ?? action;
