import { count, eq } from 'drizzle-orm';
import type { Role, ThreadKind, BugReport } from '@kakera/contracts';
import { teams, users } from '@kakera/db';
import {
  createCategory,
  createReply,
  createThread,
  escalate,
  grantPoints,
  hashPassword,
  mergeIssues,
  promoteThread,
  setVote,
  updateIssue,
  ManualClock,
  setAcceptedAnswer,
  setLike,
  setResolution,
  type Actor,
  type Deps,
} from '@kakera/core';
import { DEMO_CATEGORIES, DEMO_ISSUES, DEMO_PASSWORD, DEMO_THREADS, DEMO_USERS } from './demo-content.ts';

export interface DemoLogin {
  email: string;
  password: string;
  role: Role;
  name: string;
}

/** True when the database has no users yet: the only time demo data is loaded. */
export async function isEmpty(deps: Deps): Promise<boolean> {
  const [row] = await deps.db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

/**
 * Loads the demo community through the same use cases a person would go
 * through, with a clock that walks the last two weeks, so obligations,
 * counts and history are exactly what the rules give.
 */
export async function seedDemo(deps: Deps): Promise<DemoLogin[]> {
  const end = deps.clock.now();
  const clock = new ManualClock(end.getTime() - 14 * 24 * 3600 * 1000);
  const d: Deps = { ...deps, clock };
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const actors = new Map<string, Actor>();
  for (const u of DEMO_USERS) {
    let teamId: number | null = null;
    if (u.team) {
      await deps.db.insert(teams).values({ name: u.team, createdAt: clock.now() }).onConflictDoNothing();
      const [t] = await deps.db.select({ id: teams.id }).from(teams).where(eq(teams.name, u.team));
      teamId = t!.id;
    }
    const [row] = await deps.db
      .insert(users)
      .values({
        email: u.email,
        name: u.name,
        passwordHash,
        role: u.role,
        teamId,
        locale: u.locale ?? null,
        createdAt: clock.now(),
      })
      .returning();
    actors.set(u.key, { kind: 'user', id: row!.id, name: u.name, role: u.role, teamId, suspended: false });
    // Points from before the fortnight shown, in the ledger like any award.
    if (u.points) await d.db.transaction((tx) => grantPoints(tx, d, { userId: row!.id, source: 'demo:history', points: u.points! }));
  }
  const admin = actors.get('admin')!;
  const categoryIds = new Map<string, number>();
  for (const c of DEMO_CATEGORIES) {
    const created = await createCategory(d, admin, c);
    categoryIds.set(c.slug, created.id);
  }

  const spanMs = end.getTime() - clock.now().getTime();
  const threadIds = new Map<string, { id: number; at: number }>();
  for (const [i, t] of DEMO_THREADS.entries()) {
    // Threads spread over the fortnight, the last ones in the final hour so the queue has work.
    const at = end.getTime() - spanMs + Math.floor(((i + 1) / (DEMO_THREADS.length + 1)) * spanMs);
    clock.set(Math.min(at, end.getTime() - (DEMO_THREADS.length - i) * 4 * 60 * 1000));
    const thread = await createThread(d, actors.get(t.author)!, {
      categoryId: categoryIds.get(t.category)!,
      title: t.title,
      body: t.body,
      kind: t.kind as ThreadKind,
      ...(t.report && { report: t.report as BugReport }),
    });
    threadIds.set(t.title, { id: thread.id, at: clock.now().getTime() });
    let lastPostId = 0;
    let staffPostId = 0;
    for (const r of t.replies ?? []) {
      clock.advance(r.afterMinutes * 60 * 1000);
      const post = await createReply(d, actors.get(r.author)!, thread.id, r.body);
      lastPostId = post.id;
      if (post.authorRoleAtPost !== 'fan') staffPostId = post.id;
      for (const liker of r.likes ?? []) await setLike(d, actors.get(liker)!, post.id, true);
    }
    if (t.accept && staffPostId) await setAcceptedAnswer(d, actors.get(t.author)!, thread.id, staffPostId);
    else if (t.accept && lastPostId) await setAcceptedAnswer(d, actors.get(t.author)!, thread.id, lastPostId);
    if (t.resolved !== undefined && staffPostId) await setResolution(d, actors.get(t.author)!, thread.id, t.resolved);
  }
  await seedTracker(d, clock, actors, threadIds, end);
  return DEMO_USERS.map((u) => ({ email: u.email, password: DEMO_PASSWORD, role: u.role, name: u.name }));
}

/**
 * Promotes the demo's threads to issues, walks them through the workflow and
 * votes, as staff and fans would, in the last days of the fortnight (but
 * never later than the threads they come from).
 */
async function seedTracker(
  d: Deps,
  clock: ManualClock,
  actors: Map<string, Actor>,
  threads: Map<string, { id: number; at: number }>,
  end: Date,
) {
  const keys = new Map<string, string>();
  const last = end.getTime() - 1000;
  // Moves the clock on, never past the demo's "now".
  const step = (ms: number) => clock.set(Math.min(clock.now().getTime() + ms, last));
  const startAt = end.getTime() - 2 * 24 * 3600 * 1000;
  for (const [i, spec] of DEMO_ISSUES.entries()) {
    const thread = threads.get(spec.thread)!;
    clock.set(Math.min(Math.max(thread.at + 5 * 60 * 1000, startAt + i * 2 * 3600 * 1000), last - 60 * 1000));
    const by = actors.get(spec.by)!;
    const { issue } = await promoteThread(d, by, thread.id, {
      ...(spec.type && { type: spec.type }),
      ...(spec.set?.component && { component: spec.set.component }),
      ...(spec.set?.labels && { labels: spec.set.labels }),
    });
    keys.set(spec.thread, issue.key);
    const assignee = spec.set?.assignee ? actors.get(spec.set.assignee) : undefined;
    const fields = {
      ...(spec.set?.severity && { severity: spec.set.severity }),
      ...(spec.set?.priority && { priority: spec.set.priority }),
      ...(assignee && { assigneeId: (assignee as { id: number }).id }),
    };
    if (Object.keys(fields).length) await updateIssue(d, by, issue.key, fields);
    for (const voter of spec.votes ?? []) {
      step(60 * 1000);
      await setVote(d, actors.get(voter)!, issue.key, true);
    }
    for (const status of spec.statuses ?? []) {
      step(7 * 60 * 1000);
      await updateIssue(d, by, issue.key, {
        status,
        ...(status === 'fixed' && spec.set?.fixedInVersion && { fixedInVersion: spec.set.fixedInVersion }),
      });
    }
    if (spec.escalateTo) {
      const to = actors.get(spec.escalateTo.to) as { id: number };
      await escalate(d, by, { issueKey: issue.key, toUserId: to.id, note: spec.escalateTo.note });
    }
  }
  for (const spec of DEMO_ISSUES.filter((s) => s.mergeInto)) {
    step(60 * 1000);
    await mergeIssues(d, actors.get(spec.by)!, keys.get(spec.thread)!, keys.get(spec.mergeInto!)!);
  }
}
