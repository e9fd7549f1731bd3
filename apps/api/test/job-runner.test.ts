import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ManualClock } from '@kakera/core';
import { rowsOf } from '@kakera/db';
import { createJobRunner, type Job } from '../src/jobs/job-runner.ts';
import { createTestDatabase } from './helpers.ts';

// The one job runner (apps/api/src/jobs/job-runner.ts): each slot of a
// `once` job runs on one instance, its work commits with its claim, failures
// are recorded and retried, a missed daily run is made up on start.

const silent = { warn() {}, debug() {}, info() {}, error() {} } as never;
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.database.db.execute(sql`create table job_effects (job text, slot timestamptz, at timestamptz)`);
});
afterAll(() => db.drop().then(() => db.database.close()));

const effects = async (job: string) =>
  rowsOf<{ n: number }>(await db.database.db.execute(sql`select count(*)::int as n from job_effects where job = ${job}`))[0]!.n;

/** A job whose work is a row in job_effects, written in the run's transaction; `fail` makes it throw after writing. */
function recordingJob(name: string, schedule: Job['schedule'], opts: { fail?: () => boolean } = {}): Job {
  return {
    name,
    schedule,
    mode: 'once',
    manual: true,
    async run({ db: tx, now, slot }) {
      await tx.execute(sql`insert into job_effects values (${name}, ${slot}, ${now})`);
      if (opts.fail?.()) throw new Error(`${name} failed on purpose`);
    },
  };
}

describe('the job runner', () => {
  it('runs each slot once, across runners on one database, and records the run', async () => {
    const clock = new ManualClock('2026-03-01T10:00:00Z');
    const a = createJobRunner({ db: db.database.db, clock, log: silent, instance: 'a' });
    const b = createJobRunner({ db: db.database.db, clock, log: silent, instance: 'b' });
    for (const r of [a, b]) r.add(recordingJob('hourly', { everyMs: 3600_000 }));
    await Promise.all([a.start(), b.start()]);
    expect(await effects('hourly')).toBe(1);
    expect(await Promise.all([a.runDue('hourly'), b.runDue('hourly')])).toEqual(['not-due', 'not-due']);
    clock.advanceSeconds(3600);
    const outcomes = await Promise.all([a.runDue('hourly'), b.runDue('hourly')]);
    expect(outcomes.filter((o) => o === 'ran')).toHaveLength(1);
    expect(await effects('hourly')).toBe(2);
    const [row] = (await a.status()).filter((r) => r.name === 'hourly');
    expect(row).toMatchObject({ runs: 2, failing: 0, lastError: null });
    expect(row!.nextRunAt.toISOString()).toBe('2026-03-01T12:00:00.000Z');
    await Promise.all([a.stop(), b.stop()]);
  });

  it('starts taking requests before a background catch-up is done, never before the others', async () => {
    const clock = new ManualClock('2026-03-01T10:00:00Z');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const r = createJobRunner({ db: db.database.db, clock, log: silent });
    r.add(recordingJob('before-requests', { everyMs: 3600_000 }));
    // A digest backlog: its run waits on the gate (outside any transaction, as a long computation would).
    r.add({
      name: 'backlog',
      schedule: { everyMs: 3600_000 },
      mode: 'every-instance',
      manual: true,
      startInBackground: true,
      run: () => gate,
    });
    await r.start();
    expect(await effects('before-requests')).toBe(1);
    const [backlog] = (await r.status()).filter((x) => x.name === 'backlog');
    expect(backlog?.runs ?? 0).toBe(0);
    let idle = false;
    const waiting = r.idle().then(() => (idle = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    release();
    await waiting;
    expect((await r.status()).find((x) => x.name === 'backlog')).toMatchObject({ runs: 1 });
    await r.stop();
  });

  it('rolls a failed run back, records the error, and retries it with a growing delay', async () => {
    const clock = new ManualClock('2026-03-01T10:00:00Z');
    let failing = true;
    const r = createJobRunner({ db: db.database.db, clock, log: silent });
    r.add(recordingJob('flaky', { everyMs: 3600_000 }, { fail: () => failing }));
    await r.start();
    expect(await effects('flaky')).toBe(0);
    let [row] = (await r.status()).filter((x) => x.name === 'flaky');
    expect(row).toMatchObject({ failing: 1, failures: 1 });
    expect(row!.lastError).toContain('flaky failed on purpose');
    expect(row!.nextRunAt.toISOString()).toBe('2026-03-01T10:00:05.000Z');
    clock.advanceSeconds(5);
    expect(await r.runDue('flaky')).toBe('failed');
    [row] = (await r.status()).filter((x) => x.name === 'flaky');
    expect(row!.nextRunAt.toISOString()).toBe('2026-03-01T10:00:15.000Z');
    failing = false;
    clock.advanceSeconds(10);
    expect(await r.runDue('flaky')).toBe('ran');
    [row] = (await r.status()).filter((x) => x.name === 'flaky');
    expect(row).toMatchObject({ failing: 0, failures: 2, runs: 3 });
    expect(await effects('flaky')).toBe(1);
    await r.stop();
  });

  it('makes up a missed daily run on start, for the slot it missed, then waits for the next local time', async () => {
    const clock = new ManualClock('2026-03-01T00:30:00Z'); // 09:30 in Tokyo: 07:00 has passed
    const r = createJobRunner({ db: db.database.db, clock, log: silent });
    r.add(recordingJob('daily', { dailyAt: '07:00', timeZone: 'Asia/Tokyo' }));
    await r.start();
    const slots = rowsOf<{ slot: Date | string }>(await db.database.db.execute(sql`select slot from job_effects where job = 'daily'`));
    expect(slots.map((s) => new Date(s.slot).toISOString())).toEqual(['2026-02-28T22:00:00.000Z']);
    expect(await r.runDue('daily')).toBe('not-due');
    clock.set('2026-03-01T21:59:59Z');
    expect(await r.runDue('daily')).toBe('not-due');
    clock.set('2026-03-01T22:00:00Z');
    expect(await r.runDue('daily')).toBe('ran');
    await r.stop();
    // A restart changes nothing: the slot is taken.
    const again = createJobRunner({ db: db.database.db, clock, log: silent });
    again.add(recordingJob('daily', { dailyAt: '07:00', timeZone: 'Asia/Tokyo' }));
    await again.start();
    expect(await effects('daily')).toBe(2);
    await again.stop();
  });

  it('stops its timers on stop, waiting for a run in progress', async () => {
    const clock = new ManualClock('2026-03-01T10:00:00Z');
    let release!: () => void;
    const started: string[] = [];
    const r = createJobRunner({ db: db.database.db, clock, log: silent });
    r.add({
      name: 'slow',
      schedule: { everyMs: 10 },
      mode: 'every-instance',
      async run() {
        started.push('run');
        if (started.length === 2) await new Promise<void>((res) => (release = res));
      },
    });
    await r.start();
    await expect.poll(() => started.length).toBe(2);
    let stopped = false;
    const stopping = r.stop().then(() => (stopped = true));
    await new Promise((res) => setTimeout(res, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    const count = started.length;
    await new Promise((res) => setTimeout(res, 50));
    expect(started.length).toBe(count);
  });
});
