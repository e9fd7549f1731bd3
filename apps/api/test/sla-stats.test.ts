import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gte } from 'drizzle-orm';
import { classifyObligation, ManualClock, percentile } from '@kakera/core';
import { obligations } from '@kakera/db';
import { buildTestApp, createCategory, createThread, createUser, reply, type TestApp, type TestUser } from './helpers.ts';
import { createAdmin, getJson, send, threadObligation } from './sla-helpers.ts';

// Statistics in a zone with DST: America/New_York moves to daylight time on
// 2026-03-08, so that local day is 23 hours long: [05:00Z, 04:00Z next day).

let t: TestApp;
let admin: TestUser;
let fan: TestUser;
let staffA: TestUser;
let staffB: TestUser;
let x: { id: number; slug: string };
let y: { id: number; slug: string };

const at = (iso: string) => t.clock.set(iso);
const stats = async (query: string, user: TestUser = staffA) => getJson(t, `/api/sla/stats?${query}`, user);

beforeAll(async () => {
  t = await buildTestApp({ SLA_SWEEP_MS: '600000', TZ: 'America/New_York' }, new ManualClock('2026-03-07T12:00:00Z'));
  admin = await createAdmin(t);
  fan = await createUser(t, { name: 'Fan' });
  staffA = await createUser(t, { role: 'staff', name: 'Alice' });
  staffB = await createUser(t, { role: 'staff', name: 'Bob' });
  expect((await send(t, 'PATCH', `/api/users/${staffA.id}`, admin, { team: 'Support' })).status).toBe(200);
  expect((await send(t, 'PATCH', `/api/users/${staffB.id}`, admin, { team: 'Engineering' })).status).toBe(200);
  x = await createCategory(t, admin, { slaTargetSeconds: 600, name: 'Xylophones' });
  y = await createCategory(t, admin, { slaTargetSeconds: 300, name: 'Yodelling' });

  at('2026-03-08T04:59:59Z'); // Mar 7, 23:59:59 EST
  const th1 = await createThread(t, fan, x.id);
  at('2026-03-08T05:00:00Z'); // Mar 8, 00:00:00 EST
  const th2 = await createThread(t, fan, x.id);
  at('2026-03-08T05:01:39Z');
  await reply(t, staffA, th1.id); // 100 s: met
  at('2026-03-08T05:11:40Z');
  await reply(t, staffB, th2.id); // 700 s: late
  at('2026-03-08T12:00:00Z');
  const th3 = await createThread(t, fan, y.id, { kind: 'question' });
  at('2026-03-08T12:03:20Z');
  await reply(t, staffA, th3.id); // 200 s: met
  expect((await send(t, 'POST', `/api/threads/${th3.id}/resolution`, fan, { solved: true })).status).toBe(200);
  at('2026-03-09T03:59:59Z'); // Mar 8, 23:59:59 EDT (23 hours after local midnight)
  const th4 = await createThread(t, fan, x.id, { title: 'Thanks all' });
  const o4 = (await threadObligation(t, th4.id))!;
  expect((await send(t, 'POST', `/api/sla/obligations/${o4.id}/close`, staffA, { reason: 'thanks' })).status).toBe(200);
  at('2026-03-09T04:00:00Z'); // Mar 9, 00:00:00 EDT
  await createThread(t, fan, x.id); // left open: breached by now
  at('2026-03-09T10:00:00Z');
  const th6 = await createThread(t, fan, x.id, { title: 'Spam spam spam' });
  expect((await send(t, 'POST', `/api/threads/${th6.id}/hide`, staffA, { reason: 'spam' })).status).toBe(200);
  at('2026-03-09T11:59:00Z');
  await createThread(t, fan, x.id); // open, not yet due
  at('2026-03-09T12:00:00Z');
});
afterAll(() => t.close());

const zero = {
  obligations: 0,
  met: 0,
  breached: 0,
  noResponseNeeded: 0,
  open: 0,
  compliance: null,
  medianSeconds: null,
  p90Seconds: null,
  resolved: 0,
  resolutionRate: null,
};

describe('GET /api/sla/stats', () => {
  it('groups by local day in TZ, right across the DST change and the day boundary', async () => {
    const { status, body } = await stats('from=2026-03-07&to=2026-03-09&groupBy=day');
    expect(status).toBe(200);
    expect(body).toMatchObject({ from: '2026-03-07', to: '2026-03-09', timeZone: 'America/New_York', groupBy: 'day' });
    expect(body.groups.map((g: { key: string }) => g.key)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    const [d7, d8, d9] = body.groups;
    expect(d7).toEqual({
      ...zero,
      key: '2026-03-07',
      label: '2026-03-07',
      obligations: 1,
      met: 1,
      compliance: 1,
      medianSeconds: 100,
      p90Seconds: 100,
      resolutionRate: 0,
    });
    expect(d8).toEqual({
      ...zero,
      key: '2026-03-08',
      label: '2026-03-08',
      obligations: 3,
      met: 1,
      breached: 1,
      noResponseNeeded: 1,
      compliance: 0.5,
      medianSeconds: 450,
      p90Seconds: 650,
      resolved: 1,
      resolutionRate: 0.5,
    });
    expect(d9).toEqual({
      ...zero,
      key: '2026-03-09',
      label: '2026-03-09',
      obligations: 2,
      breached: 1,
      open: 1,
      compliance: 0,
      resolutionRate: 0,
    });
    expect(body.totals).toEqual({
      obligations: 6,
      met: 2,
      breached: 2,
      noResponseNeeded: 1,
      open: 1,
      compliance: 0.5,
      medianSeconds: 200,
      p90Seconds: 600,
      resolved: 1,
      resolutionRate: 0.2,
    });
  });

  it('a single local day covers exactly that day', async () => {
    expect((await stats('from=2026-03-08&to=2026-03-08')).body.totals.obligations).toBe(3);
    expect((await stats('from=2026-03-07&to=2026-03-07')).body.totals.obligations).toBe(1);
    expect((await stats('from=2026-03-10&to=2026-03-12')).body.totals).toEqual(zero);
  });

  it('groups by responder (null while nobody has answered), by the responder’s team, and by category', async () => {
    const staff = (await stats('from=2026-03-07&to=2026-03-09&groupBy=staff')).body.groups;
    const byKey = (groups: { key: unknown }[], key: unknown) => groups.find((g) => g.key === key);
    expect(byKey(staff, staffA.id)).toMatchObject({ label: 'Alice', obligations: 2, met: 2, breached: 0, medianSeconds: 150, resolved: 1 });
    expect(byKey(staff, staffB.id)).toMatchObject({ label: 'Bob', obligations: 1, met: 0, breached: 1, medianSeconds: 700, compliance: 0 });
    expect(byKey(staff, null)).toMatchObject({ obligations: 3, noResponseNeeded: 1, breached: 1, open: 1, medianSeconds: null });

    const teams = (await stats('from=2026-03-07&to=2026-03-09&groupBy=team')).body.groups;
    expect(byKey(teams, 'Support')).toMatchObject({ obligations: 2, met: 2 });
    expect(byKey(teams, 'Engineering')).toMatchObject({ obligations: 1, breached: 1 });
    expect(byKey(teams, null)).toMatchObject({ obligations: 3 });

    const cats = (await stats('from=2026-03-07&to=2026-03-09&groupBy=category')).body.groups;
    expect(byKey(cats, x.id)).toMatchObject({ label: 'Xylophones', obligations: 5, met: 1, breached: 2, open: 1, noResponseNeeded: 1 });
    expect(byKey(cats, y.id)).toMatchObject({ label: 'Yodelling', obligations: 1, met: 1, resolved: 1, resolutionRate: 1 });

    const onlyBob = (await stats(`from=2026-03-07&to=2026-03-09&staffId=${staffB.id}`)).body.totals;
    expect(onlyBob).toMatchObject({ obligations: 1, breached: 1 });
    const onlyY = (await stats(`from=2026-03-07&to=2026-03-09&categoryId=${y.id}`)).body.totals;
    expect(onlyY).toMatchObject({ obligations: 1, met: 1 });
  });

  it('agrees with the rules: every counted obligation is in exactly one bucket, as classifyObligation says', async () => {
    const rows = await t.database.db
      .select()
      .from(obligations)
      .where(gte(obligations.openedAt, new Date('2026-03-08T04:00:00Z')));
    const now = t.clock.now();
    const buckets = rows.map((r) => classifyObligation(r, now)).filter((b) => b !== 'cancelled');
    const count = (b: string) => buckets.filter((x) => x === b).length;
    const { totals } = (await stats('from=2026-03-07&to=2026-03-09')).body;
    expect(totals).toMatchObject({
      obligations: buckets.length,
      met: count('met'),
      breached: count('breached'),
      open: count('open'),
      noResponseNeeded: count('no_response_needed'),
    });
    expect(totals.obligations).toBe(totals.met + totals.breached + totals.open + totals.noResponseNeeded);
    const answered = rows.filter((r) => r.status === 'met').map((r) => (r.respondedAt!.getTime() - r.openedAt.getTime()) / 1000);
    expect(totals.medianSeconds).toBe(percentile(answered, 0.5));
    expect(totals.p90Seconds).toBe(percentile(answered, 0.9));
  });

  it('defaults to the last seven local days, and rejects bad periods', async () => {
    const { body } = await stats('');
    expect(body).toMatchObject({ from: '2026-03-03', to: '2026-03-09', groupBy: 'day' });
    expect(body.groups).toHaveLength(7);
    expect((await stats('from=2026-03-09&to=2026-03-01')).status).toBe(400);
    expect((await stats('from=2026-02-30&to=2026-03-01')).status).toBe(400);
    expect((await stats('from=yesterday')).status).toBe(400);
    expect((await stats('groupBy=hour')).status).toBe(400);
    // Any period, years at once (no more "At most 400 days"), by week, month or year too.
    expect((await stats('from=2020-01-01&to=2026-03-01')).status).toBe(200);
    expect((await stats('from=2020-01-01&to=2026-03-01&groupBy=year')).body.groups).toHaveLength(7);
  });

  it('is for staff only', async () => {
    expect((await stats('', fan)).status).toBe(403);
    expect((await getJson(t, '/api/sla/stats')).status).toBe(401);
    const exec = await createUser(t, { role: 'executive' });
    expect((await stats('', exec)).status).toBe(200);
  });
});

describe('GET /api/categories/:slug/responsiveness', () => {
  it('is public: compliance and median over the last 7 days', async () => {
    const { status, body } = await getJson(t, `/api/categories/${x.slug}/responsiveness`);
    expect(status).toBe(200);
    expect(body).toEqual({
      categoryId: x.id,
      slug: x.slug,
      targetSeconds: 600,
      windowDays: 7,
      since: '2026-03-02T12:00:00.000Z',
      obligations: 5,
      met: 1,
      breached: 2,
      compliance: 1 / 3,
      medianSeconds: 400,
    });
    expect((await getJson(t, '/api/categories/no-such-board/responsiveness')).status).toBe(404);
  });

  it('forgets what is older than 7 days', async () => {
    t.clock.set('2026-03-16T03:30:00Z'); // the window starts 2026-03-09T03:30Z
    const { body } = await getJson(t, `/api/categories/${x.slug}/responsiveness`);
    expect(body).toMatchObject({ obligations: 3, met: 0, breached: 2, compliance: 0, medianSeconds: null });
  });
});

describe('the due instant', () => {
  it('an answer exactly at the due instant is met; a millisecond later is breached; still open at the due instant is breached', async () => {
    const u = await buildTestApp({ SLA_SWEEP_MS: '600000' }, new ManualClock('2026-05-04T09:00:00Z'));
    try {
      const a = await createAdmin(u);
      const f = await createUser(u);
      const s = await createUser(u, { role: 'staff' });
      const c = await createCategory(u, a, { slaTargetSeconds: 60 });
      const onTime = await createThread(u, f, c.id);
      const late = await createThread(u, f, c.id);
      u.clock.set('2026-05-04T09:01:00.000Z'); // both due now
      await reply(u, s, onTime.id);
      u.clock.set('2026-05-04T09:01:00.001Z');
      await reply(u, s, late.id);
      u.clock.set('2026-05-04T09:02:00Z');
      await createThread(u, f, c.id);
      u.clock.set('2026-05-04T09:03:00.000Z'); // the third is due this instant, unanswered
      const { body } = await getJson(u, '/api/sla/stats?from=2026-05-04&to=2026-05-04&groupBy=day', s);
      expect(body.totals).toMatchObject({ obligations: 3, met: 1, breached: 2, open: 0 });
      u.clock.set('2026-05-04T09:02:59.999Z');
      const before = (await getJson(u, '/api/sla/stats?from=2026-05-04&to=2026-05-04&groupBy=day', s)).body;
      expect(before.totals).toMatchObject({ met: 1, breached: 1, open: 1 });
    } finally {
      await u.close();
    }
  });
});

describe('unanswered obligations and answers by someone without a team', () => {
  it('are two groups by team, and the unanswered are the same group by staff', async () => {
    // Later days than the rest of this file, so its figures stay as they were.
    const loner = await createUser(t, { role: 'staff', name: 'Teamless Tess' });
    at('2026-04-01T12:00:00Z');
    const answered = await createThread(t, fan, x.id);
    await createThread(t, fan, x.id); // never answered
    at('2026-04-01T12:01:00Z');
    await reply(t, loner, answered.id); // 60 s: met, by someone with no team
    at('2026-04-01T12:19:00Z');
    await createThread(t, fan, y.id); // open, not yet due
    at('2026-04-01T12:20:00Z'); // the unanswered one in x (600 s) is breached by now
    const period = 'from=2026-04-01&to=2026-04-01';
    const byKey = (groups: { key: unknown }[], key: unknown) => groups.filter((g) => g.key === key);

    const teams = (await stats(`${period}&groupBy=team`)).body.groups;
    expect(teams).toHaveLength(2);
    expect(byKey(teams, '')).toEqual([expect.objectContaining({ obligations: 1, met: 1, breached: 0, open: 0, medianSeconds: 60 })]);
    expect(byKey(teams, null)).toEqual([expect.objectContaining({ obligations: 2, met: 0, breached: 1, open: 1, medianSeconds: null })]);

    const staff = (await stats(`${period}&groupBy=staff`)).body.groups;
    expect(byKey(staff, loner.id)).toEqual([expect.objectContaining({ label: 'Teamless Tess', obligations: 1, met: 1 })]);
    const { key: _staffKey, label: _staffLabel, ...unansweredByStaff } = byKey(staff, null)[0] as Record<string, unknown>;
    const { key: _teamKey, label: _teamLabel, ...unansweredByTeam } = byKey(teams, null)[0] as Record<string, unknown>;
    expect(unansweredByTeam).toEqual(unansweredByStaff);
  });
});
