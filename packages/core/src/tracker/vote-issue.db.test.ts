import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf, users } from '@kakera/db';
import type { UserActor } from '../shared/actor.ts';
import { createTestDeps, makeCategory, makeUser, recordedEvents, type TestDeps } from '../testing/test-deps.ts';
import { createThread } from '../forum/create-thread.ts';
import { promoteThread } from './promote-thread.ts';
import { getIssueRow } from './get-issue.ts';
import { setVote } from './vote-issue.ts';

// 1,000 voters on one issue, 50 at once (quality.md's benchmark row), then half
// of them withdrawing while the other half vote a second time: the kept count
// is exact, and the last `vote.changed` says so.
let d: TestDeps;
let voters: UserActor[];
let key: string;

beforeAll(async () => {
  d = await createTestDeps();
  const staff = await makeUser(d, { role: 'staff' });
  const reporter = await makeUser(d);
  const board = await makeCategory(d);
  const thread = await createThread(d, reporter, { categoryId: board.id, title: 'Battery drains', body: 'Overnight', kind: 'bug' });
  key = (await promoteThread(d, staff, thread.id, {})).issue.key;
  const now = d.clock.now();
  const rows = await d.db
    .insert(users)
    .values(
      Array.from({ length: 1000 }, (_, i) => ({
        name: `Voter ${i}`,
        email: `voter-${i}@votes.test`,
        role: 'fan' as const,
        createdAt: now,
      })),
    )
    .returning({ id: users.id, name: users.name });
  voters = rows.map((r) => ({ kind: 'user', id: r.id, name: r.name, role: 'fan', teamId: null, suspended: false }));
}, 60_000);
afterAll(() => d.close());

/** `run` for each voter, 50 at once (the benchmark's connections; a pool's queue times out after 5 s). */
async function each<T>(run: (v: UserActor, i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < voters.length) {
        const i = next++;
        out[i] = await run(voters[i]!, i);
      }
    }),
  );
  return out;
}

const kept = async () => (await getIssueRow(d, key)).voteCount;
const counted = async () => {
  const result = await d.db.execute(
    sql`select count(*)::int as n from issue_votes v join issues i on i.id = v.issue_id where i.key = ${key}`,
  );
  return Number(rowsOf<{ n: number }>(result)[0]!.n);
};

it('counts 1,000 voters, 50 at once, exactly, and half of them withdrawing while the rest vote again', async () => {
  const answers: { voteCount: number }[] = await each((v) => setVote(d, v, key, true));
  expect(await kept()).toBe(1000);
  expect(await counted()).toBe(1000);
  // Every answer is a count some voter saw, each exactly once: 1 to 1,000.
  expect(new Set(answers.map((a) => a.voteCount)).size).toBe(1000);
  const events = await recordedEvents(d, 'vote.changed', `issue:${key}`);
  expect(events).toHaveLength(1000);
  expect(Math.max(...events.map((e) => (e.data as { voteCount: number }).voteCount))).toBe(1000);

  await each((v, i) => setVote(d, v, key, i % 2 === 1));
  expect(await kept()).toBe(500);
  expect(await counted()).toBe(500);
  const after = await recordedEvents(d, 'vote.changed', `issue:${key}`);
  expect(after).toHaveLength(1500);
  expect((after.at(-1)!.data as { voteCount: number }).voteCount).toBe(500);
}, 120_000);
