import { count, eq } from 'drizzle-orm';
import type { Role, ThreadKind, BugReport } from '@kakera/contracts';
import { teams, users } from '@kakera/db';
import {
  createCategory,
  createReply,
  createThread,
  hashPassword,
  ManualClock,
  setAcceptedAnswer,
  setLike,
  setResolution,
  type Actor,
  type Deps,
} from '@kakera/core';
import { DEMO_CATEGORIES, DEMO_PASSWORD, DEMO_THREADS, DEMO_USERS } from './demo-content.ts';

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
        points: u.points ?? 0,
        locale: u.locale ?? null,
        createdAt: clock.now(),
      })
      .returning();
    actors.set(u.key, { kind: 'user', id: row!.id, name: u.name, role: u.role, teamId, suspended: false });
  }
  const admin = actors.get('admin')!;
  const categoryIds = new Map<string, number>();
  for (const c of DEMO_CATEGORIES) {
    const created = await createCategory(d, admin, c);
    categoryIds.set(c.slug, created.id);
  }

  const spanMs = end.getTime() - clock.now().getTime();
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
  return DEMO_USERS.map((u) => ({ email: u.email, password: DEMO_PASSWORD, role: u.role, name: u.name }));
}
