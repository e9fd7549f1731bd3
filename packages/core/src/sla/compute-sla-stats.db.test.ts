import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@kakera/db';
import { StatsGroupBy, type StatsFigures } from '@kakera/contracts';
import { closeObligationAsNoResponseNeeded } from './close-obligation.ts';
import { computeSlaStats, findSlaFigures } from './compute-sla-stats.ts';
import { findThreadObligation } from './find-thread-obligation.ts';
import { setAcceptedAnswer } from '../forum/accept-answer.ts';
import { setResolution } from '../forum/answer-resolution.ts';
import { createReply } from '../forum/create-reply.ts';
import { createThread } from '../forum/create-thread.ts';
import { deletePost } from '../forum/delete-post.ts';
import { hideThread } from '../forum/hide-thread.ts';
import { moveThread } from '../forum/move-thread.ts';
import type { UserActor } from '../shared/actor.ts';
import { addDays, localDayRange } from '../shared/local-days.ts';
import { createTestDeps, makeCategory, makeUser, type TestDeps } from '../testing/test-deps.ts';

// The statistics for any period are read from figures kept per local day by
// triggers (obligation_day_stats). They must be exactly what the rules' SQL
// (findSlaFigures, over every obligation) gives — for every grouping and
// filter, in zones with DST and half-hour offsets, for a zone kept from the
// start and one built after the fact, while obligations open, are met late
// or on time, are closed, cancelled and moved, and threads are solved and
// unsolved.

let d: TestDeps;
let fans: UserActor[];
let staff: UserActor[];
let boards: { id: number }[];
const FROM = '2026-02-20';
const TO = '2026-04-10';

/** A small deterministic random source (mulberry32). */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function stats(timeZone: string, groupBy: StatsGroupBy, filter: { categoryId?: number; staffId?: number } = {}) {
  return computeSlaStats(d, staff[0]!, { from: FROM, to: TO, days: 7, groupBy, timeZone, ...filter });
}

async function reference(timeZone: string, groupBy: StatsGroupBy, filter: { categoryId?: number; staffId?: number } = {}) {
  const { start, end } = localDayRange(FROM, TO, timeZone);
  const scope = { start, end, now: d.clock.now(), timeZone, ...filter };
  const [[total], groups] = await Promise.all([findSlaFigures(d.db, scope, 'none'), findSlaFigures(d.db, scope, groupBy)]);
  return { total, groups };
}

const figures = (f: StatsFigures & Record<string, unknown>): StatsFigures => ({
  obligations: f.obligations,
  met: f.met,
  breached: f.breached,
  noResponseNeeded: f.noResponseNeeded,
  open: f.open,
  compliance: f.compliance,
  medianSeconds: f.medianSeconds,
  p90Seconds: f.p90Seconds,
  resolved: f.resolved,
  resolutionRate: f.resolutionRate,
});

async function expectSame(timeZone: string) {
  for (const groupBy of StatsGroupBy.options) {
    for (const filter of [{}, { categoryId: boards[1]!.id }, { staffId: staff[1]!.id }]) {
      const got = await stats(timeZone, groupBy, filter);
      const want = await reference(timeZone, groupBy, filter);
      const label = `${timeZone} ${groupBy} ${JSON.stringify(filter)}`;
      expect(figures(got.totals as never), label).toEqual(figures((want.total ?? got.totals) as never));
      const nonEmpty = got.groups.filter((g) => g.obligations > 0);
      expect(nonEmpty.map((g): Pair => [g.key, figures(g as never)]).sort(byKey), label).toEqual(
        want.groups.map((g): Pair => [g.key, figures(g as never)]).sort(byKey),
      );
    }
  }
}
type Pair = [string | number | null, StatsFigures];
const byKey = (a: Pair, b: Pair) => String(a[0]).localeCompare(String(b[0]));

beforeAll(async () => {
  d = await createTestDeps(`${FROM}T12:00:00Z`);
  fans = await Promise.all([0, 1, 2, 3].map(() => makeUser(d)));
  staff = [
    await makeUser(d, { role: 'staff', team: 'Support' }),
    await makeUser(d, { role: 'staff', team: 'Engineering' }),
    await makeUser(d, { role: 'executive' }),
  ];
  boards = [await makeCategory(d, { slaTargetSeconds: 600 }), await makeCategory(d, { slaTargetSeconds: 300 })];
  // UTC is kept from the start: every change below moves it through the triggers.
  await stats('UTC', 'day');

  const rnd = random(20);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  for (let i = 0; i < 70; i++) {
    // Threads spread over the period (across New York's DST change on 2026-03-08), some minutes apart.
    d.clock.set(new Date(Date.parse(`${FROM}T00:00:00Z`) + rnd() * 48 * 86_400_000));
    const author = pick(fans);
    const thread = await createThread(d, author, { categoryId: pick(boards).id, title: `Thread ${i}`, body: 'Help', kind: 'question' });
    let lastReply: number | null = null;
    for (let r = Math.floor(rnd() * 6); r > 0; r--) {
      d.clock.advance(Math.floor(rnd() * rnd() * 3_600_000));
      const who = rnd() < 0.45 ? pick(staff) : rnd() < 0.5 ? author : pick(fans);
      lastReply = (await createReply(d, who, thread.id, 'Reply')).id;
    }
    const roll = rnd();
    if (roll < 0.15 && lastReply !== null) await setAcceptedAnswer(d, author, thread.id, lastReply);
    else if (roll < 0.25) {
      const o = await findThreadObligation(d.db, thread.id, d.clock.now());
      if (o && ['open', 'warned', 'breached'].includes(o.state))
        await closeObligationAsNoResponseNeeded(d, staff[0]!, o.id, { reason: 'thanks' });
    } else if (roll < 0.3) await hideThread(d, staff[1]!, thread.id, { reason: 'spam' });
    else if (roll < 0.38) await moveThread(d, staff[0]!, thread.id, boards[0]!.id === thread.categoryId ? boards[1]!.id : boards[0]!.id);
    else if (roll < 0.45 && lastReply !== null) await deletePost(d, author, lastReply).catch(() => null);
  }
  // Cancelled (hidden as spam), and moved to the other board while open.
  const spam = await createThread(d, fans[2]!, { categoryId: boards[0]!.id, title: 'Spam', body: 'Buy', kind: 'discussion' });
  await hideThread(d, staff[0]!, spam.id, { reason: 'spam' });
  const moved = await createThread(d, fans[3]!, { categoryId: boards[0]!.id, title: 'Wrong board', body: 'Help', kind: 'question' });
  await moveThread(d, staff[0]!, moved.id, boards[1]!.id);
  // Solved, then unsolved again: resolved counts follow.
  const some = await createThread(d, fans[0]!, { categoryId: boards[0]!.id, title: 'Solved twice', body: 'Help', kind: 'question' });
  d.clock.advance(60_000);
  const answer = await createReply(d, staff[0]!, some.id, 'Try this');
  await setAcceptedAnswer(d, fans[0]!, some.id, answer.id);
  await setResolution(d, fans[0]!, some.id, true);
  await setAcceptedAnswer(d, fans[0]!, some.id, null);
  // Now: a few obligations still open and not yet due, most long past.
  d.clock.set(`${addDays(TO, -1)}T12:00:00Z`);
  await createThread(d, fans[1]!, { categoryId: boards[0]!.id, title: 'Just now', body: 'Help', kind: 'question' });
  d.clock.advance(60_000);
}, 300_000);
afterAll(() => d?.close());

describe('statistics for any period, from the figures kept per day', () => {
  it('the history has every kind of obligation', async () => {
    const kinds = rowsOf<{ kind: string }>(
      await d.db.execute(sql`select distinct case
          when status = 'met' and responded_at <= due_at then 'met'
          when status = 'met' then 'late'
          when status = 'open' and due_at <= ${d.clock.now()} then 'breached'
          else status::text end as kind
        from obligations`),
    ).map((r) => r.kind);
    expect(kinds.sort()).toEqual(['breached', 'cancelled', 'late', 'met', 'no_response_needed', 'open']);
    const solved = rowsOf<{ n: number }>(
      await d.db.execute(sql`select count(*)::int as n from threads where accepted_post_id is not null`),
    );
    expect(Number(solved[0]!.n)).toBeGreaterThan(0);
  });

  it('equal the rules over every obligation, for every grouping and filter, in a zone kept from the start', async () => {
    await expectSame('UTC');
  }, 120_000);

  it('and in zones built after the fact: across DST, and half an hour off UTC', async () => {
    await expectSame('America/New_York');
    await expectSame('Asia/Kolkata');
  }, 120_000);

  it('list every week, month and year of the period, empty ones too, labelled', async () => {
    const weeks = await stats('UTC', 'week');
    expect(weeks.groups[0]).toMatchObject({ key: '2026-02-16', label: '2026-W08' });
    expect(weeks.groups.at(-1)).toMatchObject({ key: '2026-04-06', label: '2026-W15' });
    expect(weeks.groups).toHaveLength(8);
    expect((await stats('UTC', 'month')).groups.map((g) => g.key)).toEqual(['2026-02', '2026-03', '2026-04']);
    expect((await stats('UTC', 'year')).groups.map((g) => g.label)).toEqual(['2026']);
  });
});
