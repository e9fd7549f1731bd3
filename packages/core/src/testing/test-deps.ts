import { sql } from 'drizzle-orm';
import type { EventType, Role } from '@kakera/contracts';
import { categories, createEventBus, rowsOf, teams, users, type Database } from '@kakera/db';
import { createTestDatabase } from '@kakera/db/testing';
import { asEventPublisher } from '../events/event-publisher.ts';
import { DEFAULT_POINTS } from '../ranks/points.ts';
import type { UserActor } from '../shared/actor.ts';
import { ManualClock } from '../shared/clock.ts';
import type { Deps } from '../shared/deps.ts';

// Medium tests (immich's word): a use case called on a real database — a
// fresh PGlite, or a copy of the PostgreSQL template with TEST_DATABASE_URL
// — with a manual clock and small factories that return what they made.

export interface TestDeps extends Deps {
  clock: ManualClock;
  database: Database;
  close(): Promise<void>;
}

export async function createTestDeps(start = '2026-03-02T09:00:00Z'): Promise<TestDeps> {
  const { database, drop } = await createTestDatabase({ poolSize: 4 });
  const clock = new ManualClock(start);
  const events = asEventPublisher(createEventBus(database, clock));
  return {
    db: database.db,
    database,
    clock,
    events,
    config: { adminEmails: [], sessionTtlMs: 3600_000, sessionSecret: 'test-secret-test-secret-test-secret-00', points: DEFAULT_POINTS },
    async close() {
      await database.close();
      await drop();
    },
  };
}

let seq = 0;

/** A user of `role` (and team), as the actor their requests would carry. */
export async function makeUser(
  deps: Deps,
  opts: { role?: Role; team?: string; suspended?: boolean; name?: string } = {},
): Promise<UserActor> {
  seq++;
  let teamId: number | null = null;
  if (opts.team) {
    await deps.db.insert(teams).values({ name: opts.team, createdAt: deps.clock.now() }).onConflictDoNothing();
    const [t] = await deps.db
      .select({ id: teams.id })
      .from(teams)
      .where(sql`${teams.name} = ${opts.team}`);
    teamId = t!.id;
  }
  const name = opts.name ?? `Person ${seq}`;
  const role = opts.role ?? 'fan';
  const [u] = await deps.db
    .insert(users)
    .values({
      name,
      email: `p${seq}-${Date.now()}@test.dev`,
      role,
      teamId,
      createdAt: deps.clock.now(),
      suspendedAt: opts.suspended ? deps.clock.now() : null,
    })
    .returning({ id: users.id });
  return { kind: 'user', id: u!.id, name, role, teamId, suspended: !!opts.suspended };
}

/** A board with a response target (seconds). */
export async function makeCategory(deps: Deps, opts: { slaTargetSeconds?: number } = {}): Promise<{ id: number; slug: string }> {
  seq++;
  const [c] = await deps.db
    .insert(categories)
    .values({ slug: `board-${seq}`, name: `Board ${seq}`, slaTargetSeconds: opts.slaTargetSeconds ?? 900, createdAt: deps.clock.now() })
    .returning({ id: categories.id, slug: categories.slug });
  return c!;
}

/** The events recorded so far of a type (on a topic), oldest first, as stored. */
export async function recordedEvents(deps: Deps, type: EventType, topic?: string) {
  const result = await deps.db.execute(
    sql`select topic, staff_only as "staffOnly", data from events where type = ${type} ${topic ? sql`and topic = ${topic}` : sql``} order by id`,
  );
  return rowsOf<{ topic: string; staffOnly: boolean; data: Record<string, unknown> }>(result);
}
