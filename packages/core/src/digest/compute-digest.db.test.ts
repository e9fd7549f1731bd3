import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DigestContent } from '@kakera/contracts';
import { acknowledgeEscalation } from '../escalations/acknowledge-escalation.ts';
import { escalate } from '../escalations/escalate.ts';
import { setResolution } from '../forum/answer-resolution.ts';
import { createReply } from '../forum/create-reply.ts';
import { createThread } from '../forum/create-thread.ts';
import { hideThread } from '../forum/hide-thread.ts';
import type { UserActor } from '../shared/actor.ts';
import { computeSlaStats } from '../sla/compute-sla-stats.ts';
import { createTestDeps, makeCategory, makeUser, type TestDeps } from '../testing/test-deps.ts';
import { promoteThread } from '../tracker/promote-thread.ts';
import { updateIssue } from '../tracker/update-issue.ts';
import { setVote } from '../tracker/vote-issue.ts';
import { computeDigestContent } from './compute-digest.ts';
import { storeDigest } from './generate-digest.ts';
import { generateDueDigests } from './generate-due-digests.ts';

// The digest's one computation on fixed data, with a moved clock, in a zone
// that is not UTC: Asia/Tokyo (UTC+9). Day D is 2026-03-10 in Tokyo, that is
// [2026-03-09T15:00Z, 2026-03-10T15:00Z).

const TZ = 'Asia/Tokyo';
const D = '2026-03-10';
const GENERATED = '2026-03-10T22:00:00Z'; // 07:00 on D+1 in Tokyo: when the daily run makes D's digest

let d: TestDeps;
let fan1: UserActor, fan2: UserActor, fan3: UserActor;
let staff1: UserActor, staff2: UserActor, exec: UserActor;
let board1: { id: number; slug: string }, board2: { id: number; slug: string };
const ids: Record<string, number> = {};
let keyFromA = '';
let keyFromC = '';

const at = (iso: string) => d.clock.set(iso);
const thread = async (name: string, who: UserActor, boardId: number, when: string, kind: 'discussion' | 'question' = 'discussion') => {
  at(when);
  ids[name] = (await createThread(d, who, { categoryId: boardId, title: `Thread ${name}`, body: `About ${name}`, kind })).id;
};
const reply = async (name: string, who: UserActor, when: string) => {
  at(when);
  await createReply(d, who, ids[name]!, `Reply in ${name}`);
};

beforeAll(async () => {
  d = await createTestDeps('2026-03-01T00:00:00Z');
  fan1 = await makeUser(d, { name: 'Fan One' });
  fan2 = await makeUser(d, { name: 'Fan Two' });
  fan3 = await makeUser(d, { name: 'Fan Three' });
  staff1 = await makeUser(d, { role: 'staff', name: 'Aiko', team: 'Support' });
  staff2 = await makeUser(d, { role: 'staff', name: 'Sam', team: 'Support' });
  exec = await makeUser(d, { role: 'executive', name: 'Exec' });
  board1 = await makeCategory(d);
  board2 = await makeCategory(d);

  // D-3: G, answered late (20 min).
  await thread('G', fan1, board1.id, '2026-03-07T02:00:00Z');
  await reply('G', staff1, '2026-03-07T02:20:00Z');
  // D-1, one minute before midnight in Tokyo: A, answered on D within target (6 min).
  await thread('A', fan1, board1.id, '2026-03-09T14:59:00Z');
  await reply('A', staff2, '2026-03-09T15:05:00Z');
  at('2026-03-09T14:59:30Z');
  keyFromA = (await promoteThread(d, staff1, ids.A!, {})).issue.key; // promoted on D-1
  at('2026-03-09T14:59:40Z');
  await setVote(d, fan3, keyFromA, true); // a vote on D-1

  // D, at midnight in Tokyo: B, answered in 10 min.
  await thread('B', fan1, board1.id, '2026-03-09T15:00:00Z');
  await reply('B', staff1, '2026-03-09T15:10:00Z');
  // C (board 2): a fan joins, staff answer after 30 min (late); promoted, voted on, escalated.
  await thread('C', fan2, board2.id, '2026-03-10T01:00:00Z');
  await reply('C', fan3, '2026-03-10T01:02:00Z');
  await reply('C', staff2, '2026-03-10T01:30:00Z');
  at('2026-03-10T01:40:00Z');
  keyFromC = (await promoteThread(d, staff1, ids.C!, {})).issue.key;
  at('2026-03-10T01:41:00Z');
  await setVote(d, fan1, keyFromC, true);
  await setVote(d, fan2, keyFromC, true);
  await setVote(d, fan2, keyFromA, true);
  at('2026-03-10T01:45:00Z');
  await escalate(d, staff1, { threadId: ids.C!, toUserId: exec.id, note: 'Angry fans on board 2' });
  // A's issue is fixed and released on D (each change also posts a system message: not counted).
  at('2026-03-10T05:00:00Z');
  await updateIssue(d, staff1, keyFromA, { status: 'fixed' });
  at('2026-03-10T06:00:00Z');
  await updateIssue(d, staff1, keyFromA, { status: 'released' });
  // E, a question answered in 5 min and marked solved.
  await thread('E', fan2, board1.id, '2026-03-10T02:00:00Z', 'question');
  await reply('E', staff1, '2026-03-10T02:05:00Z');
  at('2026-03-10T02:06:00Z');
  await setResolution(d, fan2, ids.E!, true);
  // B escalated and acknowledged: not open.
  at('2026-03-10T03:00:00Z');
  const ack = await escalate(d, staff2, { threadId: ids.B!, toUserId: exec.id, note: 'Seen it' });
  await acknowledgeEscalation(d, exec, ack.id);
  // H: spam, hidden: its thread, posts and obligation are left out.
  await thread('H', fan3, board1.id, '2026-03-10T03:30:00Z');
  at('2026-03-10T03:31:00Z');
  await hideThread(d, staff1, ids.H!, { reason: 'spam' });
  // F, ten minutes before midnight in Tokyo, never answered: breached by the time the digest is made.
  await thread('F', fan1, board1.id, '2026-03-10T14:50:00Z');
  // D+1, just after midnight in Tokyo: not D's.
  await thread('I', fan3, board1.id, '2026-03-10T15:00:00Z');
  at(GENERATED);
});
afterAll(() => d.close());

const compute = (date = D) => computeDigestContent(d.db, { date, timeZone: TZ, now: d.clock.now() });

describe('the digest of one local day', () => {
  let digest: DigestContent;
  beforeAll(async () => {
    digest = await compute();
  });

  it('counts the day’s threads, posts, active fans and staff responses, from local midnight to midnight', () => {
    // B, C, E, F (A is D-1's by a minute, I is D+1's, H is hidden).
    expect(digest.figures.newThreads).toBe(4);
    // B, staff on B, C, fan3 on C, staff on C, E, staff on E, F, staff on A (written on D): no system messages, nothing of H.
    expect(digest.figures.newPosts).toBe(9);
    expect(digest.figures.activeFans).toBe(3);
    expect(digest.figures.staffResponses).toBe(4);
  });

  it('has the statistics’ figures for that day: obligations, met, breached, compliance, median, resolved', async () => {
    // B met (10 min), C breached (30 min), E met (5 min), F open past due; H cancelled.
    expect(digest.figures).toMatchObject({
      obligations: 4,
      met: 2,
      breached: 2,
      compliance: 0.5,
      medianFirstResponseSeconds: 600,
      resolved: 1,
    });
    const stats = await computeSlaStats(d, staff1, { from: D, to: D, days: 1, groupBy: 'day', timeZone: TZ });
    expect(digest.sla).toEqual(stats.totals);
    expect(digest.figures.obligations).toBe(stats.totals.obligations);
    expect(digest.figures.medianFirstResponseSeconds).toBe(stats.totals.medianSeconds);
  });

  it('compares with the day before and with the 7 days before', () => {
    const c = digest.changes;
    // D-1: A opened and counted there (answered on D, in time); its one post.
    expect(c.newThreads).toEqual({ previous: 1, average7: Math.round((2 / 7) * 100) / 100 });
    expect(c.newPosts.previous).toBe(1);
    expect(c.obligations).toEqual({ previous: 1, average7: Math.round((2 / 7) * 100) / 100 });
    expect(c.met.previous).toBe(1);
    expect(c.compliance).toEqual({ previous: 1, average7: 0.5 }); // G late, A on time: over the 7 days together
    expect(c.medianFirstResponseSeconds).toEqual({ previous: 360, average7: 780 }); // A 6 min; G 20 min and A 6 min
    expect(c.staffResponses.previous).toBe(0);
    expect(c.activeFans).toEqual({ previous: 1, average7: Math.round((2 / 7) * 100) / 100 });
  });

  it('has a 14-day trend ending with the day, empty days included', () => {
    expect(digest.trend).toHaveLength(14);
    expect(digest.trend[0]!.date).toBe('2026-02-25');
    expect(digest.trend[13]).toEqual({ date: D, newThreads: 4, newPosts: 9, obligations: 4, met: 2, breached: 2, compliance: 0.5 });
    expect(digest.trend[12]).toMatchObject({ date: '2026-03-09', newThreads: 1, obligations: 1, compliance: 1 });
    expect(digest.trend[10]).toMatchObject({ date: '2026-03-07', newThreads: 1, breached: 1, compliance: 0 });
    expect(digest.trend[11]).toEqual({
      date: '2026-03-08',
      newThreads: 0,
      newPosts: 0,
      obligations: 0,
      met: 0,
      breached: 0,
      compliance: null,
    });
  });

  it('lists issues by the day’s votes, and those promoted, fixed and released that day', () => {
    expect(digest.topIssues.map((i) => [i.key, i.newVotes, i.voteCount])).toEqual([
      [keyFromC, 2, 2],
      [keyFromA, 1, 2],
    ]);
    expect(digest.issues.promoted.map((i) => i.key)).toEqual([keyFromC]);
    expect(digest.issues.fixed.map((i) => i.key)).toEqual([keyFromA]);
    expect(digest.issues.released.map((i) => i.key)).toEqual([keyFromA]);
    expect(digest.issues.counts).toEqual({ promoted: 1, fixed: 1, released: 1 });
  });

  it('lists the open escalations, the hottest threads, the worst categories and staff responsiveness', () => {
    expect(digest.openEscalations).toBe(1);
    expect(digest.escalations).toEqual([
      expect.objectContaining({
        thread: { id: ids.C, title: 'Thread C' },
        to: { id: exec.id, name: 'Exec' },
        note: 'Angry fans on board 2',
      }),
    ]);
    expect(digest.hottestThreads.map((t) => [t.title, t.newPosts, t.people])).toEqual([
      ['Thread C', 3, 3],
      ['Thread B', 2, 2],
      ['Thread E', 2, 2],
      ['Thread A', 1, 1],
      ['Thread F', 1, 1],
    ]);
    expect(digest.hottestThreads[0]!.category).toEqual({ id: board2.id, slug: board2.slug, name: expect.any(String) });
    // Board 2: C late (0 %); board 1: B, E on time, F breached (2/3).
    expect(digest.worstCategories.map((c) => [c.id, c.compliance])).toEqual([
      [board2.id, 0],
      [board1.id, 2 / 3],
    ]);
    expect(digest.staff.mostAnswers.map((s) => [s.name, s.answers])).toEqual([
      ['Aiko', 2],
      ['Sam', 1],
    ]);
    expect(digest.staff.slowestMedian.map((s) => [s.name, s.medianSeconds])).toEqual([
      ['Sam', 1800],
      ['Aiko', 450],
    ]);
  });

  it('is all zeros and empty lists for a day with nothing, and its trend has no holes', async () => {
    const empty = await compute('2026-02-01');
    expect(empty.figures).toEqual({
      newThreads: 0,
      newPosts: 0,
      activeFans: 0,
      staffResponses: 0,
      obligations: 0,
      met: 0,
      breached: 0,
      compliance: null,
      medianFirstResponseSeconds: null,
      resolved: 0,
    });
    expect(empty.changes.compliance).toEqual({ previous: null, average7: null });
    expect(empty.changes.newPosts).toEqual({ previous: 0, average7: 0 });
    expect(empty.trend).toHaveLength(14);
    expect(empty.trend.every((t) => t.newPosts === 0 && t.compliance === null)).toBe(true);
    expect([empty.topIssues, empty.hottestThreads, empty.worstCategories, empty.staff.mostAnswers, empty.issues.promoted]).toEqual([
      [],
      [],
      [],
      [],
      [],
    ]);
  });
});

describe('the days before', () => {
  it('come from their stored digests when there are some, and read the same as computed', async () => {
    const fresh = await compute();
    for (let i = 13; i >= 1; i--) {
      const date = new Date(Date.UTC(2026, 2, 10 - i)).toISOString().slice(0, 10);
      await storeDigest(d.db, { date, timeZone: TZ, now: d.clock.now() });
    }
    expect(await compute()).toEqual(fresh);
    // The archive is what the trend shows: a stored day's figures, even after its history moved on.
    await d.db.execute(sql`update digests set content = jsonb_set(content, '{figures,newPosts}', '41') where date = '2026-03-09'`);
    const again = await compute();
    expect(again.trend[12]!.newPosts).toBe(41);
    expect(again.changes.newPosts.previous).toBe(41);
    expect(again.figures).toEqual(fresh.figures);
    await d.db.execute(sql`delete from digests`);
  });
});

describe('storing a digest', () => {
  it('is idempotent: the same history keeps the stored digest and its generatedAt; a changed history replaces it', async () => {
    const first = await storeDigest(d.db, { date: D, timeZone: TZ, now: d.clock.now() });
    const generatedAt = first.row.generatedAt.toISOString();
    d.clock.advance(3600_000);
    const again = await storeDigest(d.db, { date: D, timeZone: TZ, now: d.clock.now() });
    expect(again.changed).toBe(false);
    expect(again.row.generatedAt.toISOString()).toBe(generatedAt);
    expect(again.row.content).toEqual(first.row.content);

    // The open escalation is acknowledged: the history changed.
    const [open] = (first.row.content as DigestContent).escalations;
    await acknowledgeEscalation(d, exec, open!.id);
    d.clock.advance(60_000);
    const changed = await storeDigest(d.db, { date: D, timeZone: TZ, now: d.clock.now() });
    expect(changed.changed).toBe(true);
    expect(changed.row.generatedAt.toISOString()).toBe(d.clock.now().toISOString());
    expect((changed.row.content as DigestContent).openEscalations).toBe(0);
  });

  it('the daily run makes yesterday’s digest and fills in recent days without one, from the first day with posts', async () => {
    // The run at 07:00 on D+2 in Tokyo: D+1 is "yesterday"; D is stored; D-3 … D-1 have posts, D-4 and before none.
    const now = new Date('2026-03-11T22:00:00Z');
    d.clock.set(now);
    const r = await generateDueDigests(d.db, { now, timeZone: TZ });
    expect(r.generated).toEqual(['2026-03-07', '2026-03-08', '2026-03-09', '2026-03-11']);
    const again = await generateDueDigests(d.db, { now, timeZone: TZ });
    expect(again).toEqual({ generated: ['2026-03-11'], changed: [] });
  });
});
