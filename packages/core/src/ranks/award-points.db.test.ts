import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { notifications, pointsLedger, users } from '@kakera/db';
import type { UserActor } from '../shared/actor.ts';
import { createTestDeps, makeCategory, makeUser, type TestDeps } from '../testing/test-deps.ts';
import { setAcceptedAnswer } from '../forum/accept-answer.ts';
import { createReply } from '../forum/create-reply.ts';
import { createThread } from '../forum/create-thread.ts';
import { setLike } from '../forum/like-post.ts';
import { awardPoints, grantPoints } from './award-points.ts';
import { findLeaderboard } from './find-leaderboard.ts';
import { findBadges, findPointsHistory } from './find-points-history.ts';
import { DEFAULT_POINTS } from './points.ts';

let d: TestDeps;
let fan: UserActor;
let other: UserActor;
let staff: UserActor;
let board: { id: number };

beforeAll(async () => {
  d = await createTestDeps('2026-06-10T08:00:00Z');
  fan = await makeUser(d, { name: 'Fan' });
  other = await makeUser(d, { name: 'Other' });
  staff = await makeUser(d, { role: 'staff' });
  board = await makeCategory(d);
});
afterAll(() => d.close());

const total = async (u: UserActor) => (await d.db.select({ p: users.points }).from(users).where(eq(users.id, u.id)))[0]!.p;
const ledgerSum = async (u: UserActor) =>
  Number(
    (
      await d.db
        .select({ s: sql<number>`coalesce(sum(points), 0)::int` })
        .from(pointsLedger)
        .where(eq(pointsLedger.userId, u.id))
    )[0]!.s,
  );
const P = DEFAULT_POINTS;

describe('awards', () => {
  it('a thread, a reply, a like received, an accepted answer — each in the ledger, the total their sum', async () => {
    const start = await total(fan);
    const thread = await createThread(d, other, { categoryId: board.id, title: 'Which charger?', body: '?', kind: 'question' });
    const answer = await createReply(d, fan, thread.id, 'The 30 W one');
    await setLike(d, other, answer.id, true);
    await setAcceptedAnswer(d, other, thread.id, answer.id);
    expect((await total(fan)) - start).toBe(P.reply + P.likeReceived + P.acceptedAnswer);
    expect(await total(fan)).toBe(await ledgerSum(fan));
    expect(await total(other)).toBe(await ledgerSum(other));
    const history = await findPointsHistory(d, fan.id, { limit: 10 });
    expect(history.entries.map((e) => e.reason)).toEqual(['acceptedAnswer', 'likeReceived', 'reply']);
    expect(history.entries[0]!.url).toBe(`/t/${thread.id}?post=${answer.id}#post-${answer.id}`);
    expect((await findBadges(d.db, fan.id)).map((b) => b.badge)).toEqual(['first_post', 'first_accepted_answer']);
  });

  it('takes a withdrawn like back, once; liking again earns nothing twice', async () => {
    const thread = await createThread(d, fan, {
      categoryId: board.id,
      title: 'Tip: battery saver',
      body: 'Turn it on',
      kind: 'discussion',
    });
    const before = await total(fan);
    const post = (await createReply(d, fan, thread.id, 'And dim the screen')).id;
    const afterReply = await total(fan);
    await setLike(d, other, post, true);
    await setLike(d, other, post, false);
    await setLike(d, other, post, true);
    await setLike(d, other, post, false);
    expect(await total(fan)).toBe(afterReply);
    expect(afterReply - before).toBe(P.reply);
  });

  it('never gives more than the daily cap for posting; a new day starts afresh', async () => {
    const poster = await makeUser(d);
    const thread = await createThread(d, poster, { categoryId: board.id, title: 'Posting a lot today', body: 'x', kind: 'discussion' });
    for (let i = 0; i < 30; i++) await createReply(d, poster, thread.id, `Reply ${i}`);
    expect(await total(poster)).toBe(P.dailyPostingCap);
    d.clock.advance(24 * 3600 * 1000);
    await createReply(d, poster, thread.id, 'Tomorrow');
    expect(await total(poster)).toBe(P.dailyPostingCap + P.reply);
    d.clock.advance(-24 * 3600 * 1000);
  });

  it('awards a source once, whatever the retries, even at the same time', async () => {
    const u = await makeUser(d);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        d.db.transaction((tx) => awardPoints(tx, d, { userId: u.id, reason: 'adopted', source: 'issue:KAK-99' })),
      ),
    );
    expect(results.filter((p) => p > 0)).toEqual([P.adopted]);
    expect(await d.db.select().from(pointsLedger).where(eq(pointsLedger.userId, u.id))).toHaveLength(1);
    expect(await total(u)).toBe(P.adopted);
  });

  it('tells a fan who reaches a new level, once', async () => {
    const u = await makeUser(d);
    await d.db.transaction((tx) => grantPoints(tx, d, { userId: u.id, source: 'test:1', points: 9 }));
    await d.db.transaction((tx) => awardPoints(tx, d, { userId: u.id, reason: 'adopted', source: 'issue:KAK-100' }));
    const levelUps = await d.db.select().from(notifications).where(eq(notifications.userId, u.id));
    expect(levelUps.map((n) => [n.kind, (n.data as { level: number }).level])).toEqual([['rank.level_up', 3]]);
  });
});

describe('the leaderboard', () => {
  it('ranks fans by points this month and all time, ties sharing a rank, staff left out, paged', async () => {
    await d.db.transaction((tx) => grantPoints(tx, d, { userId: staff.id, source: 'test:staff', points: 10_000 }));
    const all = await findLeaderboard(d, { period: 'all', limit: 100 });
    expect(all.entries.map((e) => e.user.id)).not.toContain(staff.id);
    const pointsInOrder = all.entries.map((e) => e.points);
    expect(pointsInOrder).toEqual([...pointsInOrder].sort((a, b) => b - a));
    for (const [i, e] of all.entries.entries()) {
      if (i > 0 && e.points === all.entries[i - 1]!.points) expect(e.rank).toBe(all.entries[i - 1]!.rank);
      else expect(e.rank).toBe(i + 1);
    }
    // Paging gives the same board.
    const paged: typeof all.entries = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof findLeaderboard>> = await findLeaderboard(d, {
        period: 'all',
        limit: 2,
        cursor: cursor ?? undefined,
      });
      paged.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.entries);
    const month = await findLeaderboard(d, { period: 'month', limit: 100 });
    expect(month.month).toBe('2026-06');
    expect(month.entries.length).toBeGreaterThan(0);
  });
});
