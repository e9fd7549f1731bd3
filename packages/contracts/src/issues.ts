import { z } from 'zod';
import { Cursor, Id, IsoDateTime } from './common.ts';
import { UserRef } from './users.ts';

// The tracker (product.md, "Promotion into engineering issues" and "Voting").

export const IssueType = z.enum(['bug', 'feature', 'feedback']);
export type IssueType = z.infer<typeof IssueType>;

/** The workflow, in order; then the closed states. Which moves are allowed: core's issue-workflow.ts. */
export const OPEN_STATUSES = ['new', 'triaged', 'planned', 'in_progress', 'fixed', 'released'] as const;
export const CLOSED_STATUSES = ['wont_fix', 'duplicate', 'cannot_reproduce'] as const;
export const IssueStatus = z.enum([...OPEN_STATUSES, ...CLOSED_STATUSES]);
export type IssueStatus = z.infer<typeof IssueStatus>;

export const Severity = z.enum(['S1', 'S2', 'S3', 'S4']);
export type Severity = z.infer<typeof Severity>;
export const Priority = z.enum(['P0', 'P1', 'P2', 'P3']);
export type Priority = z.infer<typeof Priority>;

/** `KAK-42`: the project's prefix and a number from its own sequence. */
export const IssueKey = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9]{1,9}-[1-9]\d{0,8}$/, 'An issue key such as KAK-42');
export const IssueKeyParams = z.object({ key: IssueKey });

const Label = z.string().trim().min(1).max(40);
const Version = z.string().trim().min(1).max(40);
const Component = z.string().trim().min(1).max(60);

/** What the reader may do with an issue (core's issue-policy.ts). */
export const IssueCan = z.object({
  vote: z.boolean(),
  triage: z.boolean(),
  merge: z.boolean(),
  escalate: z.boolean(),
  /** Read and write internal notes. */
  notes: z.boolean(),
});
export type IssueCan = z.infer<typeof IssueCan>;

export const Issue = z.object({
  key: z.string(),
  title: z.string(),
  type: IssueType,
  status: IssueStatus,
  severity: Severity.nullable(),
  priority: Priority.nullable(),
  component: z.string().nullable(),
  assignee: UserRef.nullable(),
  labels: z.array(z.string()),
  affectedVersion: z.string().nullable(),
  fixedInVersion: z.string().nullable(),
  /** Markdown source and its safe HTML. */
  description: z.string(),
  descriptionHtml: z.string(),
  voteCount: z.number().int(),
  /** Votes in the last 24 hours (trending). */
  recentVotes: z.number().int(),
  votedByMe: z.boolean(),
  linkedThreadIds: z.array(z.number().int()),
  /** Set when this issue was merged into another (status `duplicate`). */
  duplicateOf: z.string().nullable(),
  reporter: UserRef.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  can: IssueCan,
});
export type Issue = z.infer<typeof Issue>;

/** The badge a linked thread shows: enough to vote from there. */
export const IssueBadge = z.object({
  key: z.string(),
  title: z.string(),
  status: IssueStatus,
  voteCount: z.number().int(),
  votedByMe: z.boolean(),
  canVote: z.boolean(),
});
export type IssueBadge = z.infer<typeof IssueBadge>;

export const IssueSummary = Issue.omit({ description: true, descriptionHtml: true, can: true });
export type IssueSummary = z.infer<typeof IssueSummary>;

export const IssueChange = z.object({
  id: z.number().int(),
  actor: UserRef.nullable(),
  at: IsoDateTime,
  /** `created`, `status`, `severity`, …, `linked`, `merged_into`, `merged_from`, `vote_moved`. */
  field: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type IssueChange = z.infer<typeof IssueChange>;

export const IssueNote = z.object({ id: z.number().int(), author: UserRef, body: z.string(), html: z.string(), createdAt: IsoDateTime });
export type IssueNote = z.infer<typeof IssueNote>;

export const LinkedThread = z.object({
  id: z.number().int(),
  title: z.string(),
  postId: z.number().int().nullable(),
  source: z.boolean(),
  solved: z.boolean(),
  linkedAt: IsoDateTime,
});

export const IssueDetailResponse = z.object({
  issue: Issue,
  history: z.array(IssueChange),
  threads: z.array(LinkedThread),
  /** Staff only; empty for everyone else. */
  notes: z.array(IssueNote),
});
export const IssueResponse = z.object({ issue: Issue });

export const IssueSort = z.enum(['votes', 'trending', 'newest', 'oldest', 'severity', 'updated']);
export const IssueListQuery = z.object({
  status: z.union([IssueStatus, z.enum(['open', 'closed', 'needs_triage'])]).optional(),
  type: IssueType.optional(),
  component: Component.optional(),
  severity: Severity.optional(),
  priority: Priority.optional(),
  /** A user id, or `none` for unassigned. */
  assignee: z.union([z.literal('none'), Id]).optional(),
  label: Label.optional(),
  q: z.string().trim().max(100).optional(),
  sort: IssueSort.default('votes'),
  cursor: Cursor,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type IssueListQuery = z.infer<typeof IssueListQuery>;
export const IssueListResponse = z.object({ issues: z.array(IssueSummary), nextCursor: z.string().nullable() });

const IssueFields = {
  title: z.string().trim().min(3).max(160),
  type: IssueType,
  severity: Severity.nullable(),
  priority: Priority.nullable(),
  component: Component.nullable(),
  assigneeId: Id.nullable(),
  labels: z.array(Label).max(20),
  affectedVersion: Version.nullable(),
  fixedInVersion: Version.nullable(),
  description: z.string().trim().max(50_000),
};

/**
 * Promote a thread (or one post of it, `postId`) to a new issue, or link it
 * to an existing one with `issueKey`. Omitted fields come from the thread.
 */
export const PromoteBody = z.union([
  z.object({ issueKey: IssueKey, postId: Id.optional() }).strict(),
  z
    .object({
      postId: Id.optional(),
      title: IssueFields.title.optional(),
      type: IssueType.optional(),
      severity: Severity.optional(),
      priority: Priority.optional(),
      component: Component.optional(),
      assigneeId: Id.optional(),
      labels: IssueFields.labels.optional(),
      affectedVersion: Version.optional(),
      description: IssueFields.description.optional(),
    })
    .strict(),
]);
export type PromoteBody = z.infer<typeof PromoteBody>;

/** The promote dialog, prefilled from the thread, with the most similar existing issues first. */
export const PromoteDraftResponse = z.object({
  draft: z.object({
    title: z.string(),
    type: IssueType,
    component: z.string().nullable(),
    affectedVersion: z.string().nullable(),
    description: z.string(),
  }),
  similar: z.array(IssueSummary.extend({ similarity: z.number() })),
});

export const UpdateIssueBody = z
  .object({
    title: IssueFields.title.optional(),
    type: IssueType.optional(),
    status: IssueStatus.optional(),
    severity: IssueFields.severity.optional(),
    priority: IssueFields.priority.optional(),
    component: IssueFields.component.optional(),
    assigneeId: IssueFields.assigneeId.optional(),
    labels: IssueFields.labels.optional(),
    affectedVersion: IssueFields.affectedVersion.optional(),
    fixedInVersion: IssueFields.fixedInVersion.optional(),
    description: IssueFields.description.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change' });
export type UpdateIssueBody = z.infer<typeof UpdateIssueBody>;

export const BulkUpdateIssuesBody = z.object({
  keys: z.array(IssueKey).min(1).max(200),
  set: UpdateIssueBody,
});
export const BulkUpdateIssuesResponse = z.object({
  updated: z.array(z.string()),
  /** Keys not changed, with why (a move outside the workflow, not found). */
  failed: z.array(z.object({ key: z.string(), code: z.string(), message: z.string() })),
});

export const VoteResponse = z.object({ voteCount: z.number().int(), voted: z.boolean() });
export const MergeBody = z.object({ intoKey: IssueKey });
export const NoteBody = z.object({ body: z.string().trim().min(1).max(20_000) });
export const NoteResponse = z.object({ note: IssueNote });
export const SimilarIssuesQuery = z.object({
  title: z.string().trim().min(1).max(160),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export const SimilarIssuesResponse = z.object({ issues: z.array(IssueSummary.extend({ similarity: z.number() })) });

export const RoadmapQuery = z.object({ component: Component.optional() });
export const RoadmapResponse = z.object({
  planned: z.array(IssueSummary),
  in_progress: z.array(IssueSummary),
  released: z.array(IssueSummary),
  components: z.array(z.string()),
});

// Escalations: a thread or an issue put in front of a named owner or an executive.
export const EscalateBody = z
  .object({
    threadId: Id.optional(),
    issueKey: IssueKey.optional(),
    toUserId: Id,
    note: z.string().trim().min(1).max(2000),
  })
  .refine((b) => (b.threadId === undefined) !== (b.issueKey === undefined), {
    message: 'Escalate a thread or an issue',
    path: ['threadId'],
  });
export type EscalateBody = z.infer<typeof EscalateBody>;

export const Escalation = z.object({
  id: z.number().int(),
  thread: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  issue: z.object({ key: z.string(), title: z.string() }).nullable(),
  from: UserRef,
  to: UserRef,
  note: z.string(),
  createdAt: IsoDateTime,
  acknowledgedAt: IsoDateTime.nullable(),
  acknowledgedBy: UserRef.nullable(),
});
export type Escalation = z.infer<typeof Escalation>;
export const EscalationResponse = z.object({ escalation: Escalation });
export const EscalationListQuery = z.object({ state: z.enum(['open', 'acknowledged', 'all']).default('open') });
export const EscalationListResponse = z.object({ escalations: z.array(Escalation), openCount: z.number().int() });
