// The public entry of @kakera/core: what apps/api, packages/demo, scripts and
// tests may use. Modules own their tables; their repositories stay inside.

export * from './shared/clock.ts';
export * from './shared/app-error.ts';
export * from './shared/actor.ts';
export * from './shared/deps.ts';
export * from './events/event-publisher.ts';
export * from './markdown/render-markdown.ts';
export * from './markdown/preview-markdown.ts';

// accounts: users, teams, sessions
export * from './auth/password.ts';
export * from './auth/sessions.ts';
export * from './auth/session-cache.ts';
export * from './auth/register.ts';
export * from './auth/login.ts';
export * from './users/get-me.ts';
export * from './users/get-user-profile.ts';
export * from './users/update-user.ts';

// ranks
export * from './ranks/level-policy.ts';
export * from './ranks/points.ts';

// categories
export * from './categories/find-categories.ts';
export * from './categories/create-category.ts';
export * from './categories/update-category.ts';

// attachments
export * from './attachments/attachment-rules.ts';
export * from './attachments/upload-attachment.ts';
export * from './attachments/get-attachment-file.ts';
export * from './attachments/sweep-unbound-attachments.ts';
export { tempDir as attachmentTempDir } from './attachments/attachment-store.ts';
export { tooManyFiles } from './attachments/bind-attachments.ts';

// forum
export * from './forum/thread-policy.ts';
export * from './forum/post-policy.ts';
export * from './forum/list-threads.ts';
export * from './forum/find-accepted-answers.ts';
export * from './forum/get-thread.ts';
export * from './forum/find-shared-thread-page.ts';
export * from './forum/find-thread-page-marks.ts';
export * from './forum/thread-page-view.ts';
export * from './forum/create-thread.ts';
export * from './forum/create-reply.ts';
export * from './forum/edit-post.ts';
export * from './forum/delete-post.ts';
export * from './forum/like-post.ts';
export * from './forum/accept-answer.ts';
export * from './forum/answer-resolution.ts';
export * from './forum/hide-thread.ts';
export * from './forum/find-revisions.ts';
export { isSolved } from './forum/thread-reads.ts';

// the 15-minute rule
export * from './sla/obligation-rules.ts';
export * from './shared/local-days.ts';
export * from './sla/apply-post-to-obligation.ts';
export * from './sla/obligation-view.ts';
export * from './sla/sweep-obligations.ts';
export * from './sla/find-queue.ts';
export * from './sla/queue-snapshot.ts';
export * from './sla/claim-obligation.ts';
export * from './sla/close-obligation.ts';
export * from './sla/compute-sla-stats.ts';

// live: who may follow what over the WebSocket
export * from './live/topic-access.ts';
export * from './live/filter-replay.ts';
export * from './live/personalize-event.ts';
export * from './forum/create-system-post.ts';

// notifications
export * from './notifications/notify.ts';
export * from './notifications/find-notifications.ts';

// the tracker
export * from './tracker/issue-workflow.ts';
export * from './tracker/issue-policy.ts';
export * from './tracker/promote-thread.ts';
export * from './tracker/find-promote-draft.ts';
export * from './tracker/find-similar-issues.ts';
export * from './tracker/get-issue.ts';
export * from './tracker/list-issues.ts';
export * from './tracker/update-issue.ts';
export * from './tracker/bulk-update-issues.ts';
export * from './tracker/vote-issue.ts';
export * from './tracker/merge-issues.ts';
export * from './tracker/add-issue-note.ts';
export * from './tracker/find-roadmap.ts';

// escalations
export * from './escalations/escalate.ts';
export * from './escalations/acknowledge-escalation.ts';
export * from './escalations/find-escalations.ts';

// search
export * from './search/similarity-tokens.ts';
export * from './search/search-posts.ts';
export * from './search/explain-search.ts';
export * from './search/find-similar-threads.ts';
export * from './search/backfill-search-index.ts';
// The index's terms, for tools that write documents in bulk (bench/seed.ts).
export { toTsvector } from './search/search-vector.ts';
export * from './ranks/award-badge.ts';
export * from './forum/lock-thread.ts';
export * from './forum/pin-thread.ts';
export * from './forum/move-thread.ts';
export * from './users/find-staff.ts';
export * from './users/find-mention-suggestions.ts';

// e-mail, notification settings, the daily digest
export * from './shared/mailer.ts';
export * from './notifications/get-notification-settings.ts';
export * from './notifications/update-notification-settings.ts';
export * from './notifications/unsubscribe.ts';
export * from './notifications/send-notification-emails.ts';
export * from './digest/digest-policy.ts';
export * from './digest/compute-digest.ts';
export * from './digest/generate-digest.ts';
export * from './digest/generate-due-digests.ts';
export * from './digest/get-digest.ts';
export * from './digest/find-digests.ts';
export * from './digest/render-digest-email.ts';
export * from './digest/send-digest-emails.ts';
export * from './ranks/award-points.ts';
export * from './ranks/find-leaderboard.ts';
export * from './ranks/find-points-history.ts';

// moving in: imports
export * from './import/import-stackexchange.ts';

// moderation: flags, hiding posts, suspension, the audit log
export * from './forum/hide-post.ts';
export * from './moderation/flag-post.ts';
export * from './moderation/find-flags.ts';
export * from './moderation/resolve-flag.ts';
export * from './moderation/dismiss-flag.ts';
export * from './users/suspend-user.ts';
export * from './moderation/find-audit-log.ts';
