import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// The one description of Kakera's data. Tables are snake_case; every time is
// timestamptz so that local days (digest, statistics) are computed in TZ.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const roleEnum = pgEnum('role', ['fan', 'staff', 'executive', 'admin']);
export const threadKindEnum = pgEnum('thread_kind', ['discussion', 'question', 'bug', 'suggestion']);
export const postKindEnum = pgEnum('post_kind', ['post', 'system']);
export const obligationStatusEnum = pgEnum('obligation_status', ['open', 'met', 'no_response_needed', 'cancelled']);

export const teams = pgTable('teams', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    /** Lower-cased. Null for imported accounts that have not been claimed. */
    email: text('email'),
    name: text('name').notNull(),
    /** Null: cannot log in (imported, not yet claimed). */
    passwordHash: text('password_hash'),
    role: roleEnum('role').notNull().default('fan'),
    teamId: integer('team_id').references(() => teams.id, { onDelete: 'set null' }),
    points: integer('points').notNull().default(0),
    locale: text('locale'),
    suspendedAt: ts('suspended_at'),
    /** Where an imported account came from, e.g. `stackexchange:bicycles.meta`, with its id there. */
    source: text('source'),
    sourceId: text('source_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    uniqueIndex('users_source_key').on(t.source, t.sourceId),
    // The all-time leaderboard reads it in order.
    index('users_points_idx').on(t.points.desc(), t.id),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** HMAC of the cookie token: a leaked table does not leak usable cookies. */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const categories = pgTable(
  'categories',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    slaTargetSeconds: integer('sla_target_seconds').notNull().default(900),
    position: integer('position').notNull().default(0),
    defaultComponent: text('default_component'),
    threadCount: integer('thread_count').notNull().default(0),
    postCount: integer('post_count').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [check('categories_sla_positive', sql`${t.slaTargetSeconds} > 0`)],
);

export const threads = pgTable(
  'threads',
  {
    id: serial('id').primaryKey(),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    kind: threadKindEnum('kind').notNull().default('discussion'),
    /** Bug report fields (device, softwareVersion, stepsToReproduce, expected, actual). */
    report: jsonb('report').$type<Record<string, string>>(),
    acceptedPostId: integer('accepted_post_id'),
    /** The author's "did this solve your problem?": true, false, or null until asked and answered. */
    resolvedByAuthor: boolean('resolved_by_author'),
    resolvedAt: ts('resolved_at'),
    locked: boolean('locked').notNull().default(false),
    pinned: boolean('pinned').notNull().default(false),
    hiddenAt: ts('hidden_at'),
    /** Public replies, not counting the opening post. */
    replyCount: integer('reply_count').notNull().default(0),
    /**
     * The newest post's `posts.position`. A new post takes `last_position + 1`
     * from the row its transaction updates (and so locks); it never goes down,
     * since deleted and hidden posts keep their number. Pages count from it.
     */
    lastPosition: integer('last_position').notNull().default(0),
    likeCount: integer('like_count').notNull().default(0),
    createdAt: ts('created_at').notNull(),
    lastActivityAt: ts('last_activity_at').notNull(),
    sourceId: text('source_id'),
    /** Tags (an imported question's, e.g. `bug`, `discussion`), in their order. */
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    // The latest activity across every board (the home page).
    index('threads_latest_idx').on(t.lastActivityAt.desc(), t.id.desc()),
    index('threads_category_latest_idx').on(t.categoryId, t.lastActivityAt.desc(), t.id.desc()),
    index('threads_category_newest_idx').on(t.categoryId, t.createdAt.desc(), t.id.desc()),
    // A board pins a handful: its pinned threads without walking the board (every first page asks for them).
    index('threads_category_pinned_idx')
      .on(t.categoryId)
      .where(sql`${t.pinned}`),
    index('threads_category_top_idx').on(t.categoryId, sql`(${t.likeCount} + ${t.replyCount}) DESC`, t.id.desc()),
    index('threads_author_idx').on(t.authorId, t.createdAt.desc()),
    uniqueIndex('threads_source_key').on(t.categoryId, t.sourceId),
  ],
);

export const posts = pgTable(
  'posts',
  {
    id: serial('id').primaryKey(),
    threadId: integer('thread_id')
      .notNull()
      .references(() => threads.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    /** The author's role when posting: later role changes never rewrite history. */
    authorRole: roleEnum('author_role').notNull(),
    kind: postKindEnum('kind').notNull().default('post'),
    body: text('body').notNull(),
    html: text('html').notNull(),
    likeCount: integer('like_count').notNull().default(0),
    createdAt: ts('created_at').notNull(),
    editedAt: ts('edited_at'),
    deletedAt: ts('deleted_at'),
    hiddenAt: ts('hidden_at'),
    sourceId: text('source_id'),
    /** The post's number in its thread, 1 = the opening post: gap-free, kept by deleted and hidden posts (links, pages). */
    position: integer('position').notNull(),
  },
  (t) => [
    // Also the thread page's order: a page is a range of positions.
    uniqueIndex('posts_thread_position_key').on(t.threadId, t.position),
    // An imported post exists once (its id in the source, e.g. `stackexchange:…/a/1116`).
    uniqueIndex('posts_source_key').on(t.threadId, t.sourceId),
    index('posts_author_idx').on(t.authorId, t.createdAt.desc()),
    // A day's posts, for the daily digest (activity, hottest threads): a range, not a scan of every post.
    index('posts_created_idx').on(t.createdAt),
  ],
);

export const postRevisions = pgTable(
  'post_revisions',
  {
    id: serial('id').primaryKey(),
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id),
    /** The body as it was before this edit. */
    body: text('body').notNull(),
    editedBy: integer('edited_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('post_revisions_post_idx').on(t.postId, t.id)],
);

export const postLikes = pgTable(
  'post_likes',
  {
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] }), index('post_likes_user_idx').on(t.userId)],
);

/**
 * The 15-minute rule. One row per opened obligation; the timer lives here,
 * not in memory, so restarts and several instances agree.
 */
export const obligations = pgTable(
  'obligations',
  {
    id: serial('id').primaryKey(),
    threadId: integer('thread_id')
      .notNull()
      .references(() => threads.id),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    openedPostId: integer('opened_post_id')
      .notNull()
      .references(() => posts.id),
    targetSeconds: integer('target_seconds').notNull(),
    status: obligationStatusEnum('status').notNull().default('open'),
    openedAt: ts('opened_at').notNull(),
    warnAt: ts('warn_at').notNull(),
    dueAt: ts('due_at').notNull(),
    warnedAt: ts('warned_at'),
    breachedAt: ts('breached_at'),
    respondedAt: ts('responded_at'),
    responderId: integer('responder_id').references(() => users.id),
    responderTeamId: integer('responder_team_id').references(() => teams.id),
    responsePostId: integer('response_post_id').references(() => posts.id),
    closedAt: ts('closed_at'),
    closedBy: integer('closed_by').references(() => users.id),
    closedReason: text('closed_reason'),
    claimedBy: integer('claimed_by').references(() => users.id),
    claimedAt: ts('claimed_at'),
  },
  (t) => [
    // At most one open obligation per thread.
    uniqueIndex('obligations_open_thread_key')
      .on(t.threadId)
      .where(sql`${t.status} = 'open'`),
    // The staff queue's order and keyset cursor: (due_at, id).
    index('obligations_open_due_idx')
      .on(t.dueAt, t.id)
      .where(sql`${t.status} = 'open'`),
    // Warnings still to fire: a breach skips its warning, so breached rows leave this index too.
    index('obligations_warn_due_idx')
      .on(t.warnAt)
      .where(sql`${t.status} = 'open' AND ${t.warnedAt} IS NULL AND ${t.breachedAt} IS NULL`),
    index('obligations_breach_due_idx')
      .on(t.dueAt)
      .where(sql`${t.status} = 'open' AND ${t.breachedAt} IS NULL`),
    index('obligations_opened_idx').on(t.openedAt),
    // A thread page shows its current obligation (the open one, else the latest): any status.
    index('obligations_thread_idx').on(t.threadId, t.openedAt.desc()),
  ],
);

/**
 * Every published event, so that a reconnecting client can `resume` from the
 * last id it saw, whichever instance it reconnects to.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    topic: text('topic').notNull(),
    /** Only this user may receive it (notifications). */
    userId: integer('user_id'),
    /** Only staff may receive it (anything about a hidden thread, internal notes). */
    staffOnly: boolean('staff_only').notNull().default(false),
    data: jsonb('data').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    // No index on created_at: pruning goes by id (prune-events.ts), and every
    // event written paid for one (a sweep writes 1,000).
    // `resume`: a client's missed events, per topic it follows, from an id on.
    index('events_topic_id_idx').on(t.topic, t.id),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
    actorId: integer('actor_id').references(() => users.id),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    data: jsonb('data').notNull().default({}),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('audit_log_created_idx').on(t.createdAt.desc()),
    // The audit page's filters: one actor's or one target's lines, newest first.
    index('audit_log_actor_idx').on(t.actorId, t.createdAt.desc()),
    index('audit_log_target_idx').on(t.targetType, t.targetId, t.createdAt.desc()),
  ],
);

/**
 * Background jobs (apps/api/src/jobs/job-runner.ts): one row per job, the
 * schedule and what happened last. A run claims its slot by locking this
 * row and moves `next_run_at` in the same transaction as its work, so each
 * slot runs once across instances, and a run that dies is run again.
 */
export const jobRuns = pgTable('job_runs', {
  name: text('name').primaryKey(),
  nextRunAt: ts('next_run_at').notNull(),
  lastStartedAt: ts('last_started_at'),
  lastFinishedAt: ts('last_finished_at'),
  lastOkAt: ts('last_ok_at'),
  lastError: text('last_error'),
  lastErrorAt: ts('last_error_at'),
  runs: integer('runs').notNull().default(0),
  failures: integer('failures').notNull().default(0),
  /** Consecutive failures: the retry delay grows with them. */
  failing: integer('failing').notNull().default(0),
  lastInstance: text('last_instance'),
});

// ── The tracker (packages/core/src/tracker) ─────────────────────────────────

export const issueTypeEnum = pgEnum('issue_type', ['bug', 'feature', 'feedback']);
export const issueStatusEnum = pgEnum('issue_status', [
  'new',
  'triaged',
  'planned',
  'in_progress',
  'fixed',
  'released',
  'wont_fix',
  'duplicate',
  'cannot_reproduce',
]);

/**
 * The per-project counter behind readable keys (`KAK-42`): a new issue takes
 * `last_number + 1` with `UPDATE … RETURNING`, which locks the row until its
 * transaction ends, so keys are unique and gap-free under concurrency (a
 * rolled-back promotion gives its number back).
 */
export const issueKeySequences = pgTable('issue_key_sequences', {
  prefix: text('prefix').primaryKey(),
  lastNumber: integer('last_number').notNull().default(0),
});

export const issues = pgTable(
  'issues',
  {
    id: serial('id').primaryKey(),
    key: text('key').notNull().unique(),
    title: text('title').notNull(),
    type: issueTypeEnum('type').notNull(),
    status: issueStatusEnum('status').notNull().default('new'),
    severity: text('severity'),
    priority: text('priority'),
    component: text('component'),
    assigneeId: integer('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    labels: text('labels')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    affectedVersion: text('affected_version'),
    fixedInVersion: text('fixed_in_version'),
    description: text('description').notNull().default(''),
    descriptionHtml: text('description_html').notNull().default(''),
    /** Kept by every vote and withdrawal in the same transaction, for fast lists. */
    voteCount: integer('vote_count').notNull().default(0),
    /** The author of the thread it was promoted from: notified, and rewarded when it is adopted. */
    reporterId: integer('reporter_id').references(() => users.id),
    sourceThreadId: integer('source_thread_id').references(() => threads.id),
    duplicateOfId: integer('duplicate_of_id'),
    /** Set once, the first time it reaches `planned` or a later open state: the adoption reward. */
    adoptedAt: ts('adopted_at'),
    /** Title tokens for similarity (words, CJK bigrams): packages/core/src/tracker/similarity.ts. */
    titleTokens: text('title_tokens')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    check('issues_severity_check', sql`${t.severity} is null or ${t.severity} in ('S1','S2','S3','S4')`),
    check('issues_priority_check', sql`${t.priority} is null or ${t.priority} in ('P0','P1','P2','P3')`),
    index('issues_votes_idx').on(t.voteCount.desc(), t.id.desc()),
    index('issues_status_votes_idx').on(t.status, t.voteCount.desc(), t.id.desc()),
    index('issues_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('issues_updated_idx').on(t.updatedAt.desc(), t.id.desc()),
    index('issues_assignee_idx').on(t.assigneeId),
    index('issues_labels_idx').using('gin', t.labels),
    index('issues_title_tokens_idx').using('gin', t.titleTokens),
  ],
);

/** Threads linked to an issue (one issue per thread); `source` marks the one it was promoted from. */
export const issueThreads = pgTable(
  'issue_threads',
  {
    threadId: integer('thread_id')
      .primaryKey()
      .references(() => threads.id),
    issueId: integer('issue_id')
      .notNull()
      .references(() => issues.id),
    /** When one post of the thread was promoted. */
    postId: integer('post_id').references(() => posts.id),
    source: boolean('source').notNull().default(false),
    linkedBy: integer('linked_by').references(() => users.id),
    linkedAt: ts('linked_at').notNull(),
  },
  (t) => [index('issue_threads_issue_idx').on(t.issueId)],
);

/** One vote per user per issue: the primary key makes double votes impossible, whatever the concurrency. */
export const issueVotes = pgTable(
  'issue_votes',
  {
    issueId: integer('issue_id')
      .notNull()
      .references(() => issues.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.issueId, t.userId] }),
    // Trending: votes of the last 24 hours per issue.
    index('issue_votes_recent_idx').on(t.issueId, t.createdAt),
    index('issue_votes_user_idx').on(t.userId),
  ],
);

/** Every change to an issue: who, when, which field, from, to. */
export const issueChanges = pgTable(
  'issue_changes',
  {
    id: serial('id').primaryKey(),
    issueId: integer('issue_id')
      .notNull()
      .references(() => issues.id),
    actorId: integer('actor_id').references(() => users.id),
    field: text('field').notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    at: ts('at').notNull(),
  },
  (t) => [index('issue_changes_issue_idx').on(t.issueId, t.id)],
);

/** Staff's internal notes on an issue: never shown to fans. */
export const issueNotes = pgTable(
  'issue_notes',
  {
    id: serial('id').primaryKey(),
    issueId: integer('issue_id')
      .notNull()
      .references(() => issues.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    html: text('html').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('issue_notes_issue_idx').on(t.issueId, t.id)],
);

/** A thread or an issue put in front of a named owner or an executive, until they acknowledge it. */
export const escalations = pgTable(
  'escalations',
  {
    id: serial('id').primaryKey(),
    threadId: integer('thread_id').references(() => threads.id),
    issueId: integer('issue_id').references(() => issues.id),
    fromUserId: integer('from_user_id')
      .notNull()
      .references(() => users.id),
    toUserId: integer('to_user_id')
      .notNull()
      .references(() => users.id),
    note: text('note').notNull(),
    createdAt: ts('created_at').notNull(),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedBy: integer('acknowledged_by').references(() => users.id),
  },
  (t) => [
    check('escalations_target', sql`(${t.threadId} is null) <> (${t.issueId} is null)`),
    index('escalations_open_idx')
      .on(t.toUserId, t.createdAt)
      .where(sql`${t.acknowledgedAt} is null`),
    index('escalations_created_idx').on(t.createdAt),
  ],
);

// ── Notifications (packages/core/src/notifications) ─────────────────────────

/**
 * In-app notifications, stored: the list page, the bell's unread count and
 * (later) e-mail read them. `dedupeKey` makes each one happen once per user
 * (a retried status change does not notify twice).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** `issue.status_changed`, `issue.adopted`, `thread.replied`, `thread.staff_answered`, `mention`, `answer.accepted`, … */
    kind: text('kind').notNull(),
    /** What the text is made of (names, keys, titles, statuses), so each language words it. */
    data: jsonb('data').notNull().default({}),
    url: text('url'),
    dedupeKey: text('dedupe_key'),
    createdAt: ts('created_at').notNull(),
    readAt: ts('read_at'),
    /** For the e-mail delivery to come: when it was mailed (null: not yet, or not to be). */
    emailedAt: ts('emailed_at'),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.id.desc()),
    index('notifications_unread_idx')
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
    uniqueIndex('notifications_dedupe_key').on(t.userId, t.dedupeKey),
    // The e-mail job's scan: recent notifications not yet mailed (packages/core/src/notifications/send-notification-emails.ts).
    index('notifications_unmailed_idx')
      .on(t.createdAt)
      .where(sql`${t.emailedAt} is null`),
  ],
);

// ── Ranks (packages/core/src/ranks) ─────────────────────────────────────────

/** Badges earned, each once per user and source (`adopted` for issue KAK-4 …). */
export const userBadges = pgTable(
  'user_badges',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    badge: text('badge').notNull(),
    source: text('source').notNull().default(''),
    reason: text('reason'),
    awardedAt: ts('awarded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.badge, t.source] })],
);

/**
 * What each person wants to hear about (packages/core/src/notifications):
 * kinds they muted in the app, which kinds also come by e-mail and how
 * (each at once, or one daily summary), and whether an executive gets the
 * daily digest by e-mail. `unsubscribeToken` makes one-click unsubscribe
 * links work without signing in. No row: the defaults.
 */
export const notificationSettings = pgTable('notification_settings', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  mutedKinds: text('muted_kinds')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  emailKinds: text('email_kinds')
    .array()
    .notNull()
    .default(sql`'{thread.staff_answered,issue.status_changed,issue.adopted}'::text[]`),
  /** `instant`, `daily` (one summary a day) or `off`. */
  emailMode: text('email_mode').notNull().default('instant'),
  digestEmail: boolean('digest_email').notNull().default(true),
  unsubscribeToken: text('unsubscribe_token').notNull().unique(),
  updatedAt: ts('updated_at').notNull(),
});

// ── The executive daily digest (packages/core/src/digest) ───────────────────

/**
 * One digest per local date (in TZ): the day's figures as computed when it
 * was generated. Regenerating a date stores the same content (same
 * `contentHash`, `generatedAt` kept) unless the history changed, and then
 * replaces it. `mailRequestedAt`: the scheduled run (or `npm run digest --
 * --send`) asked for it to be mailed to the subscribed executives.
 */
export const digests = pgTable('digests', {
  date: date('date', { mode: 'string' }).primaryKey(),
  timeZone: text('time_zone').notNull(),
  content: jsonb('content').notNull(),
  contentHash: text('content_hash').notNull(),
  generatedAt: ts('generated_at').notNull(),
  mailRequestedAt: ts('mail_requested_at'),
});

/** Who was mailed which digest: the row is the claim, inserted before sending, so each person gets a digest once. */
export const digestEmails = pgTable(
  'digest_emails',
  {
    digestDate: date('digest_date', { mode: 'string' })
      .notNull()
      .references(() => digests.date, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sentAt: ts('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.digestDate, t.userId] })],
);

// ── Search (packages/core/src/search) ───────────────────────────────────────

/** PostgreSQL's full-text document type; its contents are written by packages/core/src/search/search-vector.ts. */
const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

/**
 * The search index: one row per post (not system messages), its terms made
 * by core's own tokenizer (CJK character pairs, English stems), kept in the
 * same transaction as every forum write that changes what a search finds.
 * The visibility and filter columns are copies of the forum's, so that a
 * search is one index scan of this table.
 */
export const searchDocuments = pgTable(
  'search_documents',
  {
    postId: integer('post_id')
      .primaryKey()
      .references(() => posts.id),
    threadId: integer('thread_id').notNull(),
    categoryId: integer('category_id').notNull(),
    threadKind: threadKindEnum('thread_kind').notNull(),
    authorId: integer('author_id').notNull(),
    /** The opening post: its terms include the thread's title (weight A). */
    opening: boolean('opening').notNull(),
    position: integer('position').notNull(),
    createdAt: ts('created_at').notNull(),
    threadHidden: boolean('thread_hidden').notNull(),
    /** Deleted or hidden: found by staff only. */
    postHidden: boolean('post_hidden').notNull(),
    /** The post as plain text, for snippets. */
    body: text('body').notNull(),
    terms: tsvector('terms').notNull(),
    /** The title's terms alone, on opening posts: "similar threads" as a fan types a title. */
    titleTerms: tsvector('title_terms'),
  },
  (t) => [
    index('search_documents_terms_idx').using('gin', t.terms),
    index('search_documents_title_terms_idx')
      .using('gin', t.titleTerms)
      .where(sql`${t.titleTerms} is not null`),
    index('search_documents_thread_idx').on(t.threadId),
    // The newest matches of a common word: read in this order and tested one by one, until a page is
    // full, instead of every match sorted (search.repo.ts). The terms are written with millisecond
    // times (JavaScript dates), so this is also the cursor order.
    index('search_documents_recent_idx').on(t.createdAt.desc(), t.postId.desc()),
  ],
);

/**
 * The points ledger (packages/core/src/ranks): one row per award or
 * reversal, with why and what for, never edited. A source earns a reason
 * once per person, whatever the retries or instances (the unique key);
 * `users.points` is the running total of a person’s rows, kept in the same
 * transaction.
 */
export const pointsLedger = pgTable(
  'points_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** `thread`, `reply`, `likeReceived`, `likeWithdrawn`, `acceptedAnswer`, `bugConfirmed`, `adopted`. */
    reason: text('reason').notNull(),
    /** What earned it: `post:12`, `like:12:7` (post, liker), `issue:KAK-3`. */
    source: text('source').notNull(),
    points: integer('points').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('points_ledger_award_key').on(t.userId, t.reason, t.source),
    index('points_ledger_user_idx').on(t.userId, t.id.desc()),
  ],
);

/** Points per person per calendar month (UTC), kept with the ledger: the monthly leaderboard reads it in order. */
export const pointsMonthly = pgTable(
  'points_monthly',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** `YYYY-MM` */
    month: text('month').notNull(),
    points: integer('points').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.month] }), index('points_monthly_board_idx').on(t.month, t.points.desc(), t.userId)],
);

// ── Statistics of the 15-minute rule (packages/core/src/sla) ────────────────

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** The zones (TZ) whose local days `obligation_day_stats` is kept for; built on first use (sla/day-stats.ts). */
export const obligationStatsZones = pgTable('obligation_stats_zones', {
  timeZone: text('time_zone').primaryKey(),
  builtAt: ts('built_at').notNull(),
});

/**
 * The statistics of the 15-minute rule summed per local day, category,
 * responder and responder's team, so that a period of years reads a few
 * thousand rows, not every obligation. Kept by triggers on `obligations`
 * and `threads` (in the migration that made this table): every write,
 * whoever makes it, moves it in the same transaction. `open_count` splits
 * into breached and not-yet-due when read. Each answered obligation's
 * first-response time (float8, big-endian) is in `response_seconds`, so
 * that medians stay exact. Responder and team 0: nobody answered / no team.
 */
export const obligationDayStats = pgTable(
  'obligation_day_stats',
  {
    timeZone: text('time_zone').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    categoryId: integer('category_id').notNull(),
    responderId: integer('responder_id').notNull(),
    responderTeamId: integer('responder_team_id').notNull(),
    obligations: integer('obligations').notNull().default(0),
    met: integer('met').notNull().default(0),
    breachedAnswered: integer('breached_answered').notNull().default(0),
    openCount: integer('open_count').notNull().default(0),
    noResponseNeeded: integer('no_response_needed').notNull().default(0),
    resolved: integer('resolved').notNull().default(0),
    responseSeconds: bytea('response_seconds')
      .notNull()
      .default(sql`'\\x'::bytea`),
  },
  (t) => [primaryKey({ columns: [t.timeZone, t.day, t.categoryId, t.responderId, t.responderTeamId] })],
);

// ── Moving in: imports (packages/core/src/import) ──────────────────────────

/**
 * What an import read from a dump, one row per source row (a question or
 * answer, a comment, a vote), and what became of it: the ledger that makes
 * re-running an import add nothing twice and an interrupted one finish.
 * Rows are replayed in `replay_at`, `rank`, `source_id` order; `data` (the
 * row's content) is dropped once it is done.
 */
export const importRows = pgTable(
  'import_rows',
  {
    /** The source and the category, e.g. `stackexchange:bicycles.meta.stackexchange.com>3`. */
    importKey: text('import_key').notNull(),
    /** `post` (question or answer: one id space in the dump), `comment`, `vote`. */
    kind: text('kind').notNull(),
    sourceId: bigint('source_id', { mode: 'number' }).notNull(),
    /** The row's time, or its parent's when the dump has the child older (a merged question's answers). */
    replayAt: ts('replay_at').notNull(),
    /** At the same instant: 0 question, 1 answer, 2 comment, 3 vote. */
    rank: smallint('rank').notNull(),
    data: jsonb('data'),
    doneAt: ts('done_at'),
    /** Why it was not imported; null when it was. */
    skipped: text('skipped'),
    threadId: integer('thread_id'),
    postId: integer('post_id'),
  },
  (t) => [
    primaryKey({ columns: [t.importKey, t.kind, t.sourceId] }),
    index('import_rows_pending_idx')
      .on(t.importKey, t.kind, t.replayAt, t.rank, t.sourceId)
      .where(sql`${t.doneAt} is null`),
  ],
);

export const flagReasonEnum = pgEnum('flag_reason', ['spam', 'abuse', 'off_topic', 'other']);
export const flagStatusEnum = pgEnum('flag_status', ['open', 'resolved', 'dismissed']);

/**
 * A fan's flag on a post (moderation): once per person per post. Staff
 * resolve it (the post is hidden) or dismiss it; open flags are the queue.
 */
export const flags = pgTable(
  'flags',
  {
    id: serial('id').primaryKey(),
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id),
    reporterId: integer('reporter_id')
      .notNull()
      .references(() => users.id),
    reason: flagReasonEnum('reason').notNull(),
    /** The fan's own words (required for `other`). */
    note: text('note').notNull().default(''),
    status: flagStatusEnum('status').notNull().default('open'),
    createdAt: ts('created_at').notNull(),
    settledAt: ts('settled_at'),
    settledBy: integer('settled_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('flags_post_reporter_key').on(t.postId, t.reporterId),
    // The queue: open flags, oldest first.
    index('flags_status_created_idx').on(t.status, t.createdAt),
  ],
);

/**
 * A file attached to a post (attachments module): uploaded first, bound to a
 * post when the post is created. Stored under `UPLOAD_DIR` by a generated
 * name; the user's file name is display text only. Unbound uploads older
 * than a day are swept.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: serial('id').primaryKey(),
    uploaderId: integer('uploader_id')
      .notNull()
      .references(() => users.id),
    /** Null until the post that carries it is created. */
    postId: integer('post_id').references(() => posts.id),
    /** The name the file had on the uploader's machine: shown, never used as a path. */
    originalName: text('original_name').notNull(),
    /** Sniffed from the content, never taken from the request. */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    width: integer('width'),
    height: integer('height'),
    /** File names under UPLOAD_DIR, generated. */
    storageName: text('storage_name').notNull(),
    thumbName: text('thumb_name'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    // A page of posts' attachments in one query.
    index('attachments_post_idx').on(t.postId, t.id),
    // The sweep of unbound uploads, oldest first.
    index('attachments_unbound_idx')
      .on(t.createdAt)
      .where(sql`${t.postId} is null`),
  ],
);
