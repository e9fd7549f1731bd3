import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@kakera/core';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp, type TestUser } from './helpers.ts';

// The digest over HTTP: for several local days (in a zone with a DST change,
// the 25-hour 2026-11-01 in New York among them), every figure the digest
// shares with the statistics equals `GET /api/sla/stats?from=D&to=D` totals,
// field by field; regenerating changes nothing; only executives and admins
// read it.

const TZ = 'America/New_York';
const DATES = ['2026-10-31', '2026-11-01', '2026-11-02'];

let t: TestApp;
let admin: TestUser, exec: TestUser, staff: TestUser, staff2: TestUser, fan: TestUser, fan2: TestUser, suspended: TestUser;

const as = (who: TestUser | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: who ? { cookie: who.cookie } : {}, ...(payload && { payload }) });

beforeAll(async () => {
  t = await buildTestApp({ TZ, DIGEST_AT: '07:00' }, new ManualClock('2026-10-30T12:00:00Z'));
  admin = await createUser(t, { role: 'admin', name: 'Digest Admin' });
  exec = await createUser(t, { role: 'executive', name: 'Digest Exec' });
  staff = await createUser(t, { role: 'staff', name: 'Digest Staff' });
  staff2 = await createUser(t, { role: 'staff', name: 'Digest Staff Two' });
  fan = await createUser(t, { name: 'Digest Fan' });
  fan2 = await createUser(t, { name: 'Digest Fan Two' });
  suspended = await createUser(t, { role: 'executive', name: 'Suspended Exec', suspended: true });
  const board = await createCategory(t, admin, { slaTargetSeconds: 600 });
  const other = await createCategory(t, admin, { slaTargetSeconds: 900 });

  // A thread at `at`, answered by `answer.who` after `answer.after` seconds (or never).
  const story = async (at: string, boardId: number, answer?: { who: TestUser; after: number }) => {
    t.clock.set(at);
    const th = await createThread(t, fan, boardId, { kind: 'question', title: `Question at ${at}` });
    t.clock.advance(30_000);
    await reply(t, fan2, th.id, 'Me too');
    if (answer) {
      t.clock.advance(answer.after * 1000 - 30_000);
      await reply(t, answer.who, th.id, 'Try this');
    }
    return th;
  };
  // 2026-10-31 (EDT): on time, late, a no-response-needed one, one minute before local midnight.
  await story('2026-10-31T14:00:00Z', board.id, { who: staff, after: 300 });
  await story('2026-10-31T15:00:00Z', board.id, { who: staff2, after: 1500 });
  const thanks = await story('2026-10-31T16:00:00Z', other.id);
  const ob = (await as(staff, 'GET', `/api/threads/${thanks.id}`)).json().thread.obligation.id as number;
  t.clock.advance(60_000);
  expect((await as(staff, 'POST', `/api/sla/obligations/${ob}/close`, { reason: 'thanks!' })).statusCode).toBe(200);
  await story('2026-11-01T03:59:00Z', board.id, { who: staff, after: 400 });
  // 2026-11-01 (25 hours: EDT until 06:00Z, then EST): from local midnight, solved, late, never answered.
  await story('2026-11-01T04:00:00Z', other.id, { who: staff, after: 120 });
  const solved = await story('2026-11-01T12:00:00Z', board.id, { who: staff2, after: 500 });
  t.clock.advance(60_000);
  expect((await as(fan, 'POST', `/api/threads/${solved.id}/resolution`, { solved: true })).statusCode).toBe(200);
  await story('2026-11-01T20:00:00Z', other.id, { who: staff, after: 2000 });
  await story('2026-11-02T04:58:00Z', board.id); // 23:58 EST on Nov 1, never answered
  // 2026-11-02 (EST).
  await story('2026-11-02T05:00:00Z', board.id, { who: staff2, after: 100 });
  await story('2026-11-02T18:00:00Z', other.id, { who: staff, after: 800 });
  t.clock.set('2026-11-03T12:00:00Z');
}, 240_000);
afterAll(() => t?.close());

describe('the digest and the statistics are one computation', () => {
  it('for several local days, every shared figure equals the stats totals for that day, field by field', async () => {
    let compared = 0;
    for (const date of DATES) {
      const gen = await as(exec, 'POST', `/api/digests/${date}/generate`);
      expect(gen.statusCode, gen.body).toBe(200);
      const digest = gen.json();
      const stats = await as(staff, 'GET', `/api/sla/stats?from=${date}&to=${date}`);
      expect(stats.statusCode).toBe(200);
      const totals = stats.json().totals;
      expect(digest.date).toBe(date);
      expect(digest.timeZone).toBe(TZ);
      expect(digest.sla).toEqual(totals);
      const f = digest.figures;
      expect([f.obligations, f.met, f.breached, f.compliance, f.medianFirstResponseSeconds, f.resolved]).toEqual([
        totals.obligations,
        totals.met,
        totals.breached,
        totals.compliance,
        totals.medianSeconds,
        totals.resolved,
      ]);
      expect(totals.obligations).toBeGreaterThan(0);
      compared++;
    }
    expect(compared).toBe(3);
    // The stories above, counted by hand: the 25-hour day holds four (two on time, one of them solved; one late; one never answered),
    // and the answer to 23:59's question of the day before.
    const nov1 = (await as(exec, 'GET', '/api/digests/2026-11-01')).json();
    expect(nov1.figures).toMatchObject({
      newThreads: 4,
      obligations: 4,
      met: 2,
      breached: 2,
      resolved: 1,
      activeFans: 2,
      staffResponses: 4,
    });
    expect(nov1.changes.obligations.previous).toBe(4); // Oct 31: on time, late, no response needed, and 23:59's
  });

  it('regenerating twice gives the same figures, and the same generatedAt', async () => {
    const first = (await as(exec, 'POST', '/api/digests/2026-11-01/generate')).json();
    t.clock.advance(3600_000);
    const second = await as(admin, 'POST', '/api/digests/2026-11-01/generate');
    const third = await as(exec, 'POST', '/api/digests/2026-11-01/generate');
    expect(second.json()).toEqual(first);
    expect(third.json()).toEqual(first);
    expect(third.json().generatedAt).toBe(first.generatedAt);
    expect((await as(exec, 'GET', '/api/digests/2026-11-01')).json()).toEqual(first);
  });

  it('keeps an archive, newest first, paged', async () => {
    const page = (await as(exec, 'GET', '/api/digests?limit=2')).json();
    expect(page.digests.map((d: { date: string }) => d.date)).toEqual(['2026-11-02', '2026-11-01']);
    expect(page.digests[0].figures.newThreads).toBeGreaterThan(0);
    const next = (await as(exec, 'GET', `/api/digests?limit=2&cursor=${page.nextCursor}`)).json();
    expect(next).toEqual({ digests: [expect.objectContaining({ date: '2026-10-31' })], nextCursor: null });
  });

  it('refuses days that are not over, dates that do not exist, and answers 404 for a digest never generated', async () => {
    expect((await as(exec, 'POST', '/api/digests/2026-11-03/generate')).statusCode).toBe(400); // today in New York
    expect((await as(exec, 'POST', '/api/digests/2026-12-01/generate')).statusCode).toBe(400);
    expect((await as(exec, 'GET', '/api/digests/2026-02-30')).statusCode).toBe(400);
    expect((await as(exec, 'GET', '/api/digests/2026-10-01')).statusCode).toBe(404);
  });
});

describe('who reads the digest', () => {
  it('executives and admins; fans and staff are refused; guests must sign in', async () => {
    for (const [who, want] of [
      [null, 401],
      [fan, 403],
      [staff, 403],
      [suspended, 403],
      [exec, 200],
      [admin, 200],
    ] as const) {
      for (const url of ['/api/digests', '/api/digests/2026-11-01']) {
        const res = await as(who, 'GET', url);
        expect(res.statusCode, `${who?.name ?? 'guest'} ${url}`).toBe(want);
      }
    }
  });
});
