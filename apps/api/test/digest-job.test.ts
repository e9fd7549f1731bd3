import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ManualClock } from '@kakera/core';
import { rowsOf } from '@kakera/db';
import { createJobRunner, type JobRunner } from '../src/jobs/job-runner.ts';
import { digestJob } from '../src/jobs/digest.ts';
import {
  buildTestApp,
  createCategory,
  createThread,
  createUser,
  reply,
  startSecondInstance,
  type TestApp,
  type TestUser,
} from './helpers.ts';

// The digest job: at DIGEST_AT (07:00) in TZ (Asia/Tokyo), yesterday's
// digest, exactly once with two runners on one database (a second server
// instance on PostgreSQL), never again after a restart, and what was missed
// while no instance ran is made up when one starts.

const TZ = 'Asia/Tokyo';
const silent = { warn() {}, debug() {}, info() {}, error() {} } as never;
let t: TestApp;
let exec: TestUser;
let second: { runner: JobRunner; close(): Promise<void> };

const digestRow = async (date: string) =>
  rowsOf<{ generated_at: Date | string; mail_requested_at: Date | string | null }>(
    await t.database.db.execute(sql`select generated_at, mail_requested_at from digests where date = ${date}`),
  )[0];
const jobRow = async () => (await t.app.jobs.status()).find((r) => r.name === 'digest')!;

beforeAll(async () => {
  // 09:00 in Tokyo on May 10: the start makes up the day's 07:00 run (nothing to digest yet).
  t = await buildTestApp({ TZ, DIGEST_AT: '07:00' }, new ManualClock('2026-05-10T00:00:00Z'));
  // The digest's catch-up at start runs beside the first requests: let it finish before the clock moves.
  await t.app.jobs.idle();
  const admin = await createUser(t, { role: 'admin' });
  exec = await createUser(t, { role: 'executive' });
  const staff = await createUser(t, { role: 'staff' });
  const fan = await createUser(t);
  const board = await createCategory(t, admin);
  for (const at of ['2026-05-10T01:00:00Z', '2026-05-10T05:00:00Z']) {
    t.clock.set(at);
    const th = await createThread(t, fan, board.id);
    t.clock.advance(120_000);
    await reply(t, staff, th.id, 'Answered');
  }
  if (t.config.DATABASE_URL) {
    const other = await startSecondInstance(t);
    await other.app.jobs.idle();
    second = { runner: other.app.jobs, close: other.close };
  } else {
    // PGlite lives in this process: a second runner on the same database plays the second instance.
    const runner = createJobRunner({ db: t.database.db, clock: t.clock, log: silent, instance: 'second' });
    runner.add(digestJob({ timeZone: TZ, dailyAt: '07:00', log: silent }));
    await runner.start();
    await runner.idle();
    second = { runner, close: () => runner.stop() };
  }
}, 240_000);
afterAll(async () => {
  await second?.close();
  await t?.close();
});

describe('the digest job', () => {
  it('made up the day’s run at start, when there was nothing to digest', async () => {
    expect(await digestRow('2026-05-09')).toBeUndefined();
    expect((await jobRow()).nextRunAt.toISOString()).toBe('2026-05-10T22:00:00.000Z');
  });

  it('generates yesterday’s digest once at 07:00, with two runners racing for it', async () => {
    t.clock.set('2026-05-10T21:59:59Z');
    expect(await Promise.all([t.app.jobs.runDue('digest'), second.runner.runDue('digest')])).toEqual(['not-due', 'not-due']);
    t.clock.set('2026-05-10T22:00:00Z'); // 07:00 on May 11 in Tokyo
    const runsBefore = (await jobRow()).runs;
    const outcomes = await Promise.all([t.app.jobs.runDue('digest'), second.runner.runDue('digest')]);
    expect(outcomes.filter((o) => o === 'ran')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'not-due')).toHaveLength(1);
    const row = await digestRow('2026-05-10');
    expect(new Date(row!.generated_at).toISOString()).toBe('2026-05-10T22:00:00.000Z');
    expect(row!.mail_requested_at).not.toBeNull();
    const job = await jobRow();
    expect(job.runs).toBe(runsBefore + 1);
    expect(job.nextRunAt.toISOString()).toBe('2026-05-11T22:00:00.000Z');
    const digest = (await t.app.inject({ method: 'GET', url: '/api/digests/2026-05-10', headers: { cookie: exec.cookie } })).json();
    expect(digest.figures).toMatchObject({ newThreads: 2, obligations: 2, met: 2, staffResponses: 2 });
    // The same slot again, on either: nothing.
    t.clock.advance(60_000);
    expect(await Promise.all([t.app.jobs.runDue('digest'), second.runner.runDue('digest')])).toEqual(['not-due', 'not-due']);
  });

  it('does not run the slot again after a restart', async () => {
    const before = await jobRow();
    const restarted = createJobRunner({ db: t.database.db, clock: t.clock, log: silent, instance: 'restarted' });
    restarted.add(digestJob({ timeZone: TZ, dailyAt: '07:00', log: silent }));
    await restarted.start();
    await restarted.stop();
    expect((await jobRow()).runs).toBe(before.runs);
    expect(new Date((await digestRow('2026-05-10'))!.generated_at).toISOString()).toBe('2026-05-10T22:00:00.000Z');
  });

  it('makes up runs missed while no instance was up: the latest slot once, and the days without a digest', async () => {
    // Every instance "down" from May 11 to 08:00 on May 14 in Tokyo: the 07:00 runs of May 12, 13 and 14 were missed.
    t.clock.set('2026-05-13T23:00:00Z');
    const before = await jobRow();
    const back = createJobRunner({ db: t.database.db, clock: t.clock, log: silent, instance: 'back' });
    back.add(digestJob({ timeZone: TZ, dailyAt: '07:00', log: silent }));
    await back.start();
    await back.stop();
    expect((await jobRow()).runs).toBe(before.runs + 1);
    const archive = (await t.app.inject({ method: 'GET', url: '/api/digests', headers: { cookie: exec.cookie } })).json();
    expect(archive.digests.map((d: { date: string }) => d.date)).toEqual(['2026-05-13', '2026-05-12', '2026-05-11', '2026-05-10']);
    expect((await digestRow('2026-05-13'))!.mail_requested_at).not.toBeNull();
    expect((await digestRow('2026-05-12'))!.mail_requested_at).toBeNull(); // old news: only yesterday's is mailed
    expect((await jobRow()).nextRunAt.toISOString()).toBe('2026-05-14T22:00:00.000Z'); // 07:00 on May 15
  });
});
